#!/usr/bin/env bash
# Runs the hub on its embedded defaults (embedded Artemis, H2 file database under ./data, generated dev
# master key), building it first when the jar is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
jar=app/target/hub-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $jar ]] || [[ -n $(find core routes connectors app config pom.xml -newer "$jar" -type f \
    -not -path '*/target/*' -print -quit) ]]; then
  ./mvnw -q -ntp -DskipTests install
fi
# Started from the extracted jar with its AOT cache (prepared once per build), and compact object headers
# (Java 25, JEP 519: 8-byte headers, a smaller heap for the many small objects a message makes).
thin=$(scripts/prepare-launch.sh)
exec java -XX:AOTCache=app/target/launch/hub.aot -XX:+UseCompactObjectHeaders ${JAVA_OPTS:-} -jar "$thin" "$@"
