#!/usr/bin/env bash
# kafka-setup (docker-compose.yml): the marketplace's topics, one SCRAM-SHA-512 user per service and
# per demo operator, and their ACLs, on the Compose broker. Runs once per `docker compose up`; doing it
# again changes nothing. The same rules as deploy/embedded-infra's KafkaAccess and the Strimzi
# KafkaUsers in deploy/k8s/base/kafka/users.yaml. Passwords are for a local machine only.
set -euo pipefail

bin=/opt/kafka/bin
bootstrap="${KAFKA_BOOTSTRAP:-kafka:29092}"
admin=/etc/kommunalmarkt/kafka-admin.properties
# the operators of the catalog's demo data (catalog-service/src/main/resources/demo/demo-data.json)
demo_operators=(komm-one akdb dataport code-for-germany stadt-ulm-it civitas-cloud)

topics() { "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" "$@"; }
user() {
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}
allow() {
  local principal="$1"
  shift
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" "$@" >/dev/null
}

for topic in catalog.solutions catalog.directory catalog.rounds licensing.licenses licensing.deployments billing.invoices; do
  for t in "$topic" "$topic.dlq"; do
    topics --create --if-not-exists --topic "$t" --partitions 6 --replication-factor 1
  done
done

# service NAME "TOPICS IT PRODUCES" "TOPICS IT CONSUMES": write its own, read (and dead-letter) what it
# consumes, its consumer groups (those named by its principal: licensing-service, licensing-service-notifications)
service() {
  local name="$1" t
  user "$name" "$name-kafka-secret"
  for t in $2; do allow "$name" --operation Write --topic "$t"; done
  for t in $3; do
    allow "$name" --operation Read --topic "$t"
    allow "$name" --operation Write --topic "$t.dlq"
  done
  allow "$name" --operation Read --resource-pattern-type prefixed --group "$name"
  echo "kafka-setup: $name"
}
service catalog-service "catalog.solutions catalog.directory catalog.rounds" "licensing.licenses"
service licensing-service "licensing.licenses licensing.deployments" "catalog.solutions catalog.directory catalog.rounds licensing.licenses licensing.deployments"
allow licensing-service --operation Write --operation Create --resource-pattern-type prefixed --topic operators.
service billing-service "billing.invoices" "licensing.licenses catalog.solutions catalog.directory catalog.rounds billing.invoices"

# each operator reads only its own topics and uses only its own consumer groups
for op in "${demo_operators[@]}"; do
  user "operator-$op" "$op-kafka-secret"
  allow "operator-$op" --operation Read --resource-pattern-type prefixed --topic "operators.$op." --group "operators.$op."
  echo "kafka-setup: operator-$op"
done
echo "kafka-setup: done"
