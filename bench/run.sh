#!/usr/bin/env bash
# The whole benchmark in one command (see BENCHMARKS.md): builds the hub and this module, then runs the raw
# baselines and P1–P5 against the packaged hub on 127.0.0.1. Results: bench/results/latest.{md,json}.
# Options are passed on: --profile (JFR of the hub during P1, P3, P4), --quick (smoke test of the harness).
# Bounded: every load has a hard time limit; the run takes about 5 minutes on 2 cores, and is stopped after 10.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
./mvnw -q -DskipTests install
# The hub runs as scripts/run-hub.sh runs it: the extracted jar with its class-data-sharing archive.
hub_jar=$(scripts/prepare-launch.sh)
exec timeout --kill-after=30s 600s java -Xms512m -Xmx1g -XX:+UseG1GC \
  -cp "bench/target/hub-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  io.channelhub.bench.BenchmarkRun --hub-jar "$hub_jar" --out bench/results "$@"
