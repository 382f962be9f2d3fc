#!/usr/bin/env bash
# Validates docker-compose.yml offline (no Docker engine needed): schema and interpolation via
# Debian's docker-compose 1.29 `config -q`, plus checks that the production shape is all there.
# Usage: scripts/check-compose.sh [compose-file]   (default: the repository's docker-compose.yml;
#        installs the docker-compose package when missing, which needs root)
set -euo pipefail

file=$(realpath -m "${1:-$(dirname "$0")/../docker-compose.yml}")
cd "$(dirname "$0")/.."
[[ -f $file ]] || { echo "compose: $file not found" >&2; exit 1; }

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "compose: installing Debian's docker-compose package" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi

# Dummy values for the variables the file requires (no defaults there).
export HUB_MASTER_KEY=${HUB_MASTER_KEY:-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}
export POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-check-only}
export ARTEMIS_PASSWORD=${ARTEMIS_PASSWORD:-check-only}
export MAIL_PASSWORD=${MAIL_PASSWORD:-check-only}

docker-compose -f "$file" config -q || { echo "compose: docker-compose config rejected $file" >&2; exit 1; }

# Work on the resolved file: anchors merged, variables substituted.
resolved=$(docker-compose -f "$file" config)
services=$(docker-compose -f "$file" config --services)

fail=0
problem() { echo "compose: $*" >&2; fail=1; }

for s in lb hub-1 hub-2 artemis-primary artemis-backup minio postgres; do
  grep -qx "$s" <<<"$services" || problem "service '$s' missing"
done
grep -qxE 'mail|greenmail|mailhog|smtp' <<<"$services" || problem "no mail service (mail/greenmail/mailhog/smtp)"

# Top-level Dockerfile, hub images and the required hub environment.
[[ -f Dockerfile ]] || problem "top-level Dockerfile missing"  # relative to the repository root
grep -q 'apache/activemq-artemis' <<<"$resolved" || problem "artemis does not use apache/activemq-artemis"
grep -q 'image: postgres:16' <<<"$resolved" || problem "postgres is not postgres:16"
grep -q 'pg_isready' <<<"$resolved" || problem "postgres has no pg_isready healthcheck"
grep -q 'actuator/health' <<<"$resolved" || problem "hub healthcheck does not call /actuator/health"
for v in SPRING_PROFILES_ACTIVE SPRING_ARTEMIS_MODE SPRING_ARTEMIS_BROKER_URL SPRING_ARTEMIS_USER \
         SPRING_ARTEMIS_PASSWORD SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME \
         SPRING_DATASOURCE_PASSWORD HUB_MASTER_KEY HUB_PUBLIC_BASE_URL HUB_DATA_DIR HUB_MEDIA_STORE \
         HUB_MEDIA_S3_ENDPOINT HUB_MEDIA_S3_ACCESS_KEY_ID HUB_MEDIA_S3_SECRET_ACCESS_KEY; do
  n=$(grep -c "^      $v:" <<<"$resolved" || true)
  (( n >= 2 )) || problem "$v set on $n hub service(s), expected 2"
done
for p in '8080:8080' '61616:61616' '61617:61616' '8161:8161' '3025:3025' '3143:3143' '9090:9090' '3000:3000'; do
  grep -qE "published: ${p%%:*}|${p}" <<<"$resolved" || problem "port $p not published"
done
# The production shape: one public port through the load balancer, the hubs on the broker pair, shared media.
grep -q 'config/haproxy/haproxy.cfg' <<<"$resolved" && [[ -f config/haproxy/haproxy.cfg ]] \
  || problem "lb does not get config/haproxy/haproxy.cfg"
grep -q 'httpchk GET /actuator/health' config/haproxy/haproxy.cfg || problem "lb does not health-check the hubs"
for h in hub-1 hub-2; do
  grep -qE "server $h $h:8080 check" config/haproxy/haproxy.cfg || problem "lb does not balance over $h"
done
n=$(grep -cF 'SPRING_ARTEMIS_BROKER_URL: (tcp://artemis-primary:61616,tcp://artemis-backup:61616)?ha=true' <<<"$resolved" || true)
(( n == 2 )) || problem "the hubs' broker URL does not list both brokers with ha=true"
n=$(grep -c 'HUB_MEDIA_STORE: s3' <<<"$resolved" || true)
(( n == 2 )) || problem "the hubs do not keep media in the shared S3 store"
n=$(grep -c 'artemis-store:/var/lib/artemis-instance/data' <<<"$resolved" || true)
(( n == 2 )) || problem "the two brokers do not share one store (/var/lib/artemis-instance/data)"
grep -q 'config/artemis/backup.properties' <<<"$resolved" && [[ -f config/artemis/backup.properties ]] \
  || problem "artemis-backup does not get config/artemis/backup.properties"
grep -q 'condition: service_healthy' <<<"$resolved" || problem "hubs do not wait for a healthy postgres"
# The broker gets the hub's address settings (tested against the embedded broker's by ExternalBrokerConfigurationTest).
grep -q 'config/artemis/broker.xml' <<<"$resolved" && [[ -f config/artemis/broker.xml ]] \
  || problem "artemis does not get config/artemis/broker.xml"

# Monitoring: Prometheus scrapes the hubs, Grafana shows the provisioned dashboard; the mounted files must exist.
for s in prometheus grafana; do
  grep -qx "$s" <<<"$services" || problem "service '$s' missing"
done
for f in config/prometheus/prometheus.yml config/grafana/provisioning config/grafana/dashboards; do
  grep -q "$f" <<<"$resolved" && [[ -e $f ]] || problem "$f is not mounted or missing"
done

# Without HUB_MASTER_KEY the file must refuse to resolve (it is required in production).
if env -u HUB_MASTER_KEY docker-compose -f "$file" config -q >/dev/null 2>&1; then
  problem "config resolves without HUB_MASTER_KEY; it should be required"
fi

(( fail == 0 )) || exit 1
echo "compose: $(wc -l <<<"$services") services valid ($(paste -sd, <<<"$services"))"
