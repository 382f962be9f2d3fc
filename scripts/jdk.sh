# Sourced by the scripts: puts a JDK 25 first on the PATH. The hub is built for Java 25 (virtual threads,
# the AOT cache, compact object headers); the machines of this project carry Temurin 25 beside a default
# JDK 17. Uses JAVA_HOME when it is a 25, else the first JDK 25 under /usr/lib/jvm.
jdk_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/java || $(jdk_feature "$JAVA_HOME") != 25 ]]; then
  JAVA_HOME=
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    if [[ -x $candidate/bin/java && $(jdk_feature "$candidate") == 25 ]]; then JAVA_HOME=$candidate; break; fi
  done
  if [[ -z $JAVA_HOME ]]; then
    echo "channel-hub needs a JDK 25 (e.g. Temurin 25 LTS): set JAVA_HOME to it" >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
