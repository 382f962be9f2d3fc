#!/usr/bin/env bash
# Prepares the fast-starting form of the built hub jar in app/target/launch/: the jar extracted into
# a thin jar + lib/ (Spring Boot's `tools extract`: classes load from plain jars, not nested ones) and an
# AOT cache (Java 25, JEP 483/514: classes loaded and linked ahead of time) recorded by one training start
# that exits after the context refresh. Redone whenever the fat jar is newer.
# Prints the thin jar's path; run it as scripts/run-hub.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
fat=app/target/hub-app-0.1.0-SNAPSHOT.jar
launch=app/target/launch
thin=$launch/hub-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $launch/hub.aot || $fat -nt $launch/hub.aot ]]; then
  rm -rf "$launch"
  java -Djarmode=tools -jar "$fat" extract --destination "$launch" >/dev/null
  training=$(mktemp -d)
  trap 'rm -rf "$training"' EXIT
  # A throwaway data directory and free ports: the training start must not touch a real hub's state. The
  # cache is only used by a JVM started with the same heap-layout options, hence the same launch options.
  java -XX:AOTCacheOutput="$launch/hub.aot" -XX:+UseCompactObjectHeaders -Dspring.context.exit=onRefresh \
    -jar "$thin" --hub.data-dir="$training" --server.port=0 \
    --hub.broker.acceptor='tcp://127.0.0.1:0?protocols=CORE' \
    --logging.level.root=WARN >"$training/training.log" 2>&1 \
    || { cat "$training/training.log" >&2; exit 1; }
fi
echo "$thin"
