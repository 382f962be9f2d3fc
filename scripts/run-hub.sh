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
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
