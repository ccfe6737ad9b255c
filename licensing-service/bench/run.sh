#!/usr/bin/env bash
# Licence-request benchmark of licensing-service: POST /api/licenses under AUTO approval, and under
# MANUAL approval with the provider's approve, at 1, 16 and 64 concurrent clients over 1 and 2
# instances, beside the raw JDBC single-row insert-commit rate of the same PostgreSQL at the same
# concurrency (the baseline); then the latency of DeploymentRequested to Kafka and to the operator's SSE
# stream; at the end a check of capacity, FIFO and one DeploymentRequested per deployment
# (de.kommunalmarkt.licensing.bench.LicenseBenchmark; exit code 1 if a check fails). Before the rows of
# each instance count, JIT_WARMUP_SECONDS of unmeasured load let the JIT compile the request paths; each
# row also prints the CPU milliseconds a licence took, by process (from /proc).
#
#   licensing-service/bench/run.sh            # from anywhere; builds, starts, seeds, measures, stops
#
# Knobs (environment): CLIENTS (1,16,64), INSTANCES (1,2), SECONDS_PER_ROW (10), WARMUP_SECONDS (3),
# JIT_WARMUP_SECONDS (60), BASELINE_SECONDS (5), OPERATORS (4 per row), CAPACITY (5 per operator), LATENCY_EVENTS (200),
# PG_PORT (55532), KAFKA_PORT (59192), SMTP_PORT (53025), IMAP_PORT (53143), HTTP_PORT (18182; the
# second instance HTTP_PORT+1), SERVICE_JAVA_OPTS (e.g. -XX:StartFlightRecording=...), BENCH_JAVA_OPTS,
# SKIP_BUILD=1 (use what target/ holds).
# Starts the embedded PostgreSQL + Kafka (SASL/SCRAM, ACLs) + mail server of deploy/embedded-infra in a
# throw-away state folder and the service's fast-jar, without Keycloak: the services verify tokens with
# the public half of an RSA key made for this run (quarkus.oidc.public-key), the benchmark signs them.
# Builds through the root reactor (-pl ... -am, offline), never from ~/.m2 snapshots.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

CLIENTS="${CLIENTS:-1,16,64}"
INSTANCES="${INSTANCES:-1,2}"
SECONDS_PER_ROW="${SECONDS_PER_ROW:-10}"
WARMUP_SECONDS="${WARMUP_SECONDS:-3}"
JIT_WARMUP_SECONDS="${JIT_WARMUP_SECONDS:-60}"
BASELINE_SECONDS="${BASELINE_SECONDS:-5}"
OPERATORS="${OPERATORS:-4}"
CAPACITY="${CAPACITY:-5}"
LATENCY_EVENTS="${LATENCY_EVENTS:-200}"
PG_PORT="${PG_PORT:-55532}"
KAFKA_PORT="${KAFKA_PORT:-59192}"
SMTP_PORT="${SMTP_PORT:-53025}"
IMAP_PORT="${IMAP_PORT:-53143}"
HTTP_PORT="${HTTP_PORT:-18182}"
ISSUER="https://bench.kommunalmarkt.invalid"
MAX_INSTANCES="$(tr ',' '\n' <<< "$INSTANCES" | sort -n | tail -1)"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    echo "== building (embedded infra, service jar, benchmark classes) in the reactor, offline"
    mvn -B -o -q -pl deploy/embedded-infra,licensing-service -am package dependency:build-classpath -DskipTests \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
fi

STATE="$(mktemp -d -t licensing-bench.XXXXXX)"
INFRA_PID=""
SERVICE_PIDS=()
cleanup() {
    # only the processes this script started, by their ids
    for pid in "${SERVICE_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [[ -n "$INFRA_PID" ]]; then kill "$INFRA_PID" 2>/dev/null || true; wait "$INFRA_PID" 2>/dev/null || true; fi
    if [[ -n "${KEEP_STATE:-}" ]]; then echo "state kept in $STATE"; else rm -rf "$STATE"; fi
}
trap cleanup EXIT

echo "== signing key of this run"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$STATE/bench-key.pem" 2>/dev/null
PUBLIC_KEY="$(openssl pkey -in "$STATE/bench-key.pem" -pubout 2>/dev/null | grep -v '^-----' | tr -d '\n')"

echo "== starting embedded PostgreSQL (:$PG_PORT), Kafka (:$KAFKA_PORT) and mail (:$SMTP_PORT) in $STATE"
java -cp "$(cat deploy/embedded-infra/target/runner.classpath):deploy/embedded-infra/target/classes" \
    de.kommunalmarkt.infra.InfraMain --state "$STATE" --postgres-port "$PG_PORT" --kafka-port "$KAFKA_PORT" \
    --mail --smtp-port "$SMTP_PORT" --imap-port "$IMAP_PORT" > "$STATE/infra.log" 2>&1 &
INFRA_PID=$!
for _ in $(seq 1 180); do
    grep -q '^READY' "$STATE/infra.log" && break
    kill -0 "$INFRA_PID" 2>/dev/null || { cat "$STATE/infra.log"; echo "infrastructure did not start" >&2; exit 1; }
    sleep 1
done
grep -q '^READY' "$STATE/infra.log" || { cat "$STATE/infra.log"; echo "infrastructure not ready after 180 s" >&2; exit 1; }

CREDENTIALS="$STATE/kafka-credentials"
setting() { grep "^$2=" "$1" | head -1 | cut -d= -f2- | sed 's/\\\(.\)/\1/g'; }
SERVICE_KAFKA="$CREDENTIALS/licensing-service.properties"

for i in $(seq 1 "$MAX_INSTANCES"); do
    port=$((HTTP_PORT + i - 1))
    echo "== starting licensing-service instance $i (:$port)"
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/licensing" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    KAFKA_SECURITY_PROTOCOL="$(setting "$SERVICE_KAFKA" security.protocol)" \
    KAFKA_SASL_MECHANISM="$(setting "$SERVICE_KAFKA" sasl.mechanism)" \
    KAFKA_SASL_JAAS_CONFIG="$(setting "$SERVICE_KAFKA" sasl.jaas.config)" \
    QUARKUS_OIDC_AUTH_SERVER_URL="" \
    QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" \
    QUARKUS_OIDC_TOKEN_ISSUER="$ISSUER" \
    QUARKUS_MAILER_PORT="$SMTP_PORT" \
    QUARKUS_LOG_LEVEL=WARN \
        java ${SERVICE_JAVA_OPTS:--Xmx512m} -jar licensing-service/target/quarkus-app/quarkus-run.jar > "$STATE/service-$i.log" 2>&1 &
    SERVICE_PIDS+=($!)
    # one after the other: both would migrate the schema at the same moment otherwise
    for _ in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1 && break
        kill -0 "${SERVICE_PIDS[-1]}" 2>/dev/null || { cat "$STATE/service-$i.log"; echo "instance $i did not start" >&2; exit 1; }
        sleep 1
    done
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null || { cat "$STATE/service-$i.log"; echo "instance $i not ready" >&2; exit 1; }
done
URLS="$(for i in $(seq 1 "$MAX_INSTANCES"); do printf 'http://127.0.0.1:%d,' $((HTTP_PORT + i - 1)); done)"
# the processes whose CPU each row shows (PostgreSQL's own processes fall under "rest")
PIDS="kafka+mail=$INFRA_PID"
for i in "${!SERVICE_PIDS[@]}"; do PIDS+=",licensing-$((i + 1))=${SERVICE_PIDS[$i]}"; done

echo "== seeding and measuring ($(uptime))"
set +e
java ${BENCH_JAVA_OPTS:--Xmx1g} \
    -cp "licensing-service/target/test-classes:licensing-service/target/classes:$(cat licensing-service/target/bench.classpath)" \
    de.kommunalmarkt.licensing.bench.LicenseBenchmark \
    --urls "${URLS%,}" --jdbc-url "jdbc:postgresql://127.0.0.1:$PG_PORT/licensing" \
    --kafka-config "$CREDENTIALS/admin.properties" --private-key "$STATE/bench-key.pem" --issuer "$ISSUER" \
    --clients "$CLIENTS" --instances "$INSTANCES" --seconds "$SECONDS_PER_ROW" --warmup-seconds "$WARMUP_SECONDS" \
    --baseline-seconds "$BASELINE_SECONDS" --operators "$OPERATORS" --capacity "$CAPACITY" --latency-events "$LATENCY_EVENTS" \
    --jit-warmup-seconds "$JIT_WARMUP_SECONDS" --pids "$PIDS"
STATUS=$?
set -e
echo "== done ($(date -u '+%Y-%m-%d %H:%M UTC'); $(uptime))"
if grep -q ERROR "$STATE"/service-*.log; then
    echo "-- errors in the service logs:"; grep -h ERROR "$STATE"/service-*.log | sort | uniq -c | sort -rn | head -10
fi
exit "$STATUS"
