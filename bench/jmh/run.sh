#!/usr/bin/env bash
# Runs kiln's JMH benchmarks (default: the Dockerfile parser, 1 fork, 3 warmup + 3 measurement iterations).
# Usage: bench/jmh/run.sh [JMH args...]   e.g. bench/jmh/run.sh DockerfileParseBenchmark -f 1 -wi 5 -i 5
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/bench-classes:target/classes:$(cat target/bench-classpath.txt)"
run() { "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main "$@"; }
if [ $# -gt 0 ]; then run "$@"; exit; fi
# default: throughput in ops/s, then average time per parse in µs (1 fork, 3 warmup + 3 measurement iterations of 5 s)
run DockerfileParseBenchmark -f 1 -wi 3 -i 3 -w 5s -r 5s -bm thrpt -tu s
run DockerfileParseBenchmark -f 1 -wi 3 -i 3 -w 5s -r 5s -bm avgt -tu us
# layer compression (issue 12): MiB/s of uncompressed layer per encoder (the "mib" secondary result)
run LayerCompressionBenchmark -f 1 -wi 2 -i 3 -w 5s -r 10s
