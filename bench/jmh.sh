#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (signature check, WhatsApp normalization, canonical JSON), short
# settings: about 90 s. Builds the module when its jar is missing (--build to force). Extra arguments go to JMH.
# Results: bench/results/jmh.json and the table JMH prints.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
if [[ "${1:-}" == "--build" || ! -f bench/target/hub-bench-0.1.0-SNAPSHOT.jar ]]; then
  [[ "${1:-}" == "--build" ]] && shift
  ./mvnw -q -DskipTests install -pl bench -am
fi
mkdir -p bench/results
exec timeout 300s java -cp "bench/target/hub-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main \
  -wi 2 -i 3 -f 1 -w 1s -r 2s -rf json -rff bench/results/jmh.json "$@" 'io.channelhub.bench.jmh.*'
