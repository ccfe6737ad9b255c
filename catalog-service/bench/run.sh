#!/usr/bin/env bash
# Read benchmark of catalog-service: 10,000 published solutions, 32 concurrent clients; req/s, p50 and
# p99 of GET /api/solutions/{id} and of searches, each as a ratio to GET /q/health/live of the same
# service measured in the same run (de.kommunalmarkt.catalog.bench.SearchBenchmark).
#
#   catalog-service/bench/run.sh            # from anywhere; builds, starts, seeds, measures, stops
#
# Knobs (environment): SOLUTIONS (10000), CLIENTS (32), SECONDS_PER_SCENARIO (20), WARMUP_SECONDS (5),
# PG_PORT (55432), KAFKA_PORT (59092), HTTP_PORT (18081), SERVICE_JAVA_OPTS, BENCH_JAVA_OPTS,
# MAVEN_FLAGS (e.g. -o to build offline), SKIP_BUILD=1 (reuse what an earlier run built).
# Starts the embedded PostgreSQL + Kafka of deploy/embedded-infra in a throw-away state folder and
# the service's fast-jar without Keycloak (QUARKUS_OIDC_TENANT_ENABLED=false: the measured endpoints
# are public). Builds through the root reactor (-pl ... -am): nothing is taken from or put into ~/.m2
# but third-party dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

SOLUTIONS="${SOLUTIONS:-10000}"
CLIENTS="${CLIENTS:-32}"
SECONDS_PER_SCENARIO="${SECONDS_PER_SCENARIO:-20}"
WARMUP_SECONDS="${WARMUP_SECONDS:-5}"
PG_PORT="${PG_PORT:-55432}"
KAFKA_PORT="${KAFKA_PORT:-59092}"
HTTP_PORT="${HTTP_PORT:-18081}"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "== building (embedded infra, service jar, benchmark classes)"
    # one reactor; catalog-service is built last, so its (test-scope) class path is the one written
    mvn -B -q ${MAVEN_FLAGS:-} -pl deploy/embedded-infra,catalog-service -am package dependency:build-classpath -DskipTests \
        -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/catalog-service/target/bench.classpath"
fi

STATE="$(mktemp -d -t catalog-bench.XXXXXX)"
INFRA_PID=""
SERVICE_PID=""
cleanup() {
    # only the two processes this script started, by their ids
    if [[ -n "$SERVICE_PID" ]]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
    if [[ -n "$INFRA_PID" ]]; then kill "$INFRA_PID" 2>/dev/null || true; wait "$INFRA_PID" 2>/dev/null || true; fi
    rm -rf "$STATE"
}
trap cleanup EXIT

echo "== starting embedded PostgreSQL (:$PG_PORT) and Kafka (:$KAFKA_PORT) in $STATE"
java -cp "$(cat deploy/embedded-infra/target/runner.classpath):deploy/embedded-infra/target/classes" \
    de.kommunalmarkt.infra.InfraMain --state "$STATE" --postgres-port "$PG_PORT" --kafka-port "$KAFKA_PORT" \
    > "$STATE/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 180); do
    grep -q '^READY' "$STATE/infra.log" && break
    kill -0 "$INFRA_PID" 2>/dev/null || { cat "$STATE/infra.log"; echo "infrastructure did not start" >&2; exit 1; }
    sleep 1
done
grep -q '^READY' "$STATE/infra.log" || { cat "$STATE/infra.log"; echo "infrastructure not ready after 180 s" >&2; exit 1; }

echo "== starting catalog-service (:$HTTP_PORT)"
# the broker authenticates every client (SASL/SCRAM): the service logs in as its own principal, whose
# settings the embedded broker wrote into the throw-away state folder
KAFKA_CLIENT="$STATE/kafka-credentials/catalog-service.properties"
kafka_setting() { sed -n "s/^$1=//p" "$KAFKA_CLIENT" | head -n 1; }
QUARKUS_HTTP_PORT="$HTTP_PORT" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/catalog" \
KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
KAFKA_SECURITY_PROTOCOL="$(kafka_setting security.protocol)" \
KAFKA_SASL_MECHANISM="$(kafka_setting sasl.mechanism)" \
KAFKA_SASL_JAAS_CONFIG="$(kafka_setting sasl.jaas.config)" \
QUARKUS_OIDC_TENANT_ENABLED=false \
QUARKUS_LOG_LEVEL=WARN \
    java ${SERVICE_JAVA_OPTS:--Xmx1g} -jar catalog-service/target/quarkus-app/quarkus-run.jar > "$STATE/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
    curl -fs --max-time 5 "http://127.0.0.1:$HTTP_PORT/q/health/ready" > /dev/null 2>&1 && break
    kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$STATE/service.log"; echo "service did not start" >&2; exit 1; }
    sleep 1
done
curl -fs --max-time 5 "http://127.0.0.1:$HTTP_PORT/q/health/ready" > /dev/null || { cat "$STATE/service.log"; echo "service not ready" >&2; exit 1; }

echo "== seeding and measuring; load before: $(uptime)"
java ${BENCH_JAVA_OPTS:--Xmx1g} -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "catalog-service/target/test-classes:catalog-service/target/classes:$(cat catalog-service/target/bench.classpath)" \
    de.kommunalmarkt.catalog.bench.SearchBenchmark \
    --base-url "http://127.0.0.1:$HTTP_PORT" --jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/catalog" \
    --solutions "$SOLUTIONS" --clients "$CLIENTS" --seconds "$SECONDS_PER_SCENARIO" --warmup-seconds "$WARMUP_SECONDS"
echo "== load after: $(uptime)"
