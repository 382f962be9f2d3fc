#!/usr/bin/env bash
# A local mail server for the README's email walkthrough, without Docker: GreenMail's standalone jar from
# Maven Central (the version the tests use), SMTP on 3025 and IMAP on 3143, plain, on localhost only.
# Mailbox shop@dealer.example / s3cret; any other address gets a mailbox on first mail, its address as
# login and password. Its REST API listens on 3080, clear of the hub's 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' pom.xml)
jar=target/tools/greenmail-standalone-$version.jar
if [[ ! -f $jar ]]; then
  ./mvnw -q -ntp dependency:copy -Dartifact=com.icegreen:greenmail-standalone:"$version" -DoutputDirectory=target/tools
fi
exec java -Dgreenmail.setup.test.smtp -Dgreenmail.setup.test.imap -Dgreenmail.hostname=127.0.0.1 -Dgreenmail.api.hostname=127.0.0.1 \
  -Dgreenmail.api.port=3080 \
  -Dgreenmail.users=shop:s3cret@dealer.example -Dgreenmail.users.login=email -jar "$jar"
