#!/usr/bin/env bash
# Prepares the fast-starting form of the built hub jar in app/target/launch/: the jar extracted into
# a thin jar + lib/ (Spring Boot's `tools extract`: classes load from plain jars, not nested ones) and a
# class-data-sharing archive recorded by one training start that exits after the context refresh.
# Start-up drops from ~9 s to ~5 s on 2 cores (BENCHMARKS.md, P5). Redone whenever the fat jar is newer.
# Prints the thin jar's path; run it with: java -XX:SharedArchiveFile=app/target/launch/hub.jsa -jar <that path>
set -euo pipefail
cd "$(dirname "$0")/.."
fat=app/target/hub-app-0.1.0-SNAPSHOT.jar
launch=app/target/launch
thin=$launch/hub-app-0.1.0-SNAPSHOT.jar
if [[ ! -f $launch/hub.jsa || $fat -nt $launch/hub.jsa ]]; then
  rm -rf "$launch"
  java -Djarmode=tools -jar "$fat" extract --destination "$launch" >/dev/null
  training=$(mktemp -d)
  trap 'rm -rf "$training"' EXIT
  # A throwaway data directory and free ports: the training start must not touch a real hub's state.
  java -XX:ArchiveClassesAtExit="$launch/hub.jsa" -Dspring.context.exit=onRefresh -jar "$thin" \
    --hub.data-dir="$training" --server.port=0 --hub.broker.acceptor='tcp://127.0.0.1:0?protocols=CORE' \
    --logging.level.root=WARN >"$training/training.log" 2>&1 \
    || { cat "$training/training.log" >&2; exit 1; }
fi
echo "$thin"
