# channel-hub runtime image. Build the fat jar first (./mvnw -q -DskipTests package), then
# `docker-compose build` (or `docker build -t channel-hub .`). The image only copies the
# prebuilt jar and the repository's config/ directory; it does not run Maven.
FROM eclipse-temurin:25-jre

# curl is only for the container healthcheck (GET /actuator/health); the JRE image has none.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system hub \
 && useradd --system --gid hub --home-dir /opt/channel-hub --shell /usr/sbin/nologin hub \
 && mkdir -p /opt/channel-hub /var/lib/channel-hub \
 && chown hub:hub /var/lib/channel-hub

# Spring Boot reads ./config/application*.yaml relative to the working directory.
WORKDIR /opt/channel-hub
COPY config/ ./config/
ARG JAR_FILE=app/target/hub-app-*.jar
COPY ${JAR_FILE} /tmp/app.jar

# Media files (and anything else under hub.data-dir) go to a volume mounted here.
ENV HUB_DATA_DIR=/var/lib/channel-hub \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# As scripts/prepare-launch.sh does: the jar extracted (classes load from plain jars) and an AOT cache
# recorded by one training start on a throwaway data directory.
RUN java -Djarmode=tools -jar /tmp/app.jar extract --destination /opt/channel-hub/app \
 && rm /tmp/app.jar \
 && training=$(mktemp -d) \
 && java -XX:AOTCacheOutput=/opt/channel-hub/app/hub.aot -XX:+UseCompactObjectHeaders -Dspring.context.exit=onRefresh \
      -jar /opt/channel-hub/app/app.jar --hub.data-dir="$training" --server.port=0 \
      --hub.broker.acceptor='tcp://127.0.0.1:0?protocols=CORE' \
 && rm -rf "$training"

USER hub
EXPOSE 8080
ENTRYPOINT ["java", "-XX:AOTCache=/opt/channel-hub/app/hub.aot", "-XX:+UseCompactObjectHeaders", "-jar", "/opt/channel-hub/app/app.jar"]
