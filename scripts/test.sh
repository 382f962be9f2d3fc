#!/usr/bin/env bash
# Runs every module's tests (./mvnw verify) on a JDK 25 (scripts/jdk.sh). Arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk.sh
exec ./mvnw verify "$@"
