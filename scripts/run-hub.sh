#!/usr/bin/env bash
# Runs the hub on its embedded defaults (embedded Artemis, H2 file database under ./data, generated dev
# master key), building it first when the jar is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=app/target/hub-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $jar ]] || [[ -n $(find core routes connectors app config pom.xml -newer "$jar" -type f \
    -not -path '*/target/*' -print -quit) ]]; then
  ./mvnw -q -ntp -DskipTests install
fi
# Started from the extracted jar with a class-data-sharing archive (prepared once per build): ~2 s faster.
thin=$(scripts/prepare-launch.sh)
exec java -XX:SharedArchiveFile=app/target/launch/hub.jsa ${JAVA_OPTS:-} -jar "$thin" "$@"
