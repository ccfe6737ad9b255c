#!/usr/bin/env bash
# Benchmark of a billing run: 1,000,000 active licences over 11,000 municipalities (by default), billed by the
# service's own BillingRunEngine against an embedded PostgreSQL, next to the COPY floor of the same rows.
#   billing-service/bench/run.sh [licences] [municipalities] [batch size] [runs 1-4] [instances 1-2]
# e.g. Germany: billing-service/bench/run.sh 10000000 11000 50 2 1
# Builds through the root reactor (-pl billing-service -am), offline; nothing is taken from installed SNAPSHOTs.
# BENCH_JAVA_OPTS replaces the JVM options; BENCH_PGDATA names the PostgreSQL data folder (default: a temporary
# one; 10M licences need about 6 GB there).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q -pl billing-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
cd billing-service
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC} \
    -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    de.kommunalmarkt.billing.bench.BillingRunBenchmark "$@"
