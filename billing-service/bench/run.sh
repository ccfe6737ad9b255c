#!/usr/bin/env bash
# Benchmark of a billing run: 1,000,000 active licences over 11,000 municipalities, billed by the
# service's own BillingRunEngine against an embedded PostgreSQL, next to the COPY floor of the same rows.
#   billing-service/bench/run.sh [licences] [municipalities] [batch size]
# Needs the sibling modules installed (mvn -B -q install -DskipTests from the repository root, once).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java ${BENCH_JAVA_OPTS:--Xms2g -Xmx2g -XX:+UseParallelGC} \
    -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
    de.kommunalmarkt.billing.bench.BillingRunBenchmark "$@"
