#!/usr/bin/env bash
# Soak: mixed load against the jlink image for a set time (default 10 minutes) over HTTP/1.1,
# HTTPS/1.1, HTTP/2 over TLS and h2c — pages, a large file, ranges, conditional requests,
# precompressed and on-the-fly gzip answers, uploads, malformed requests, idle connections —
# sampling the server's RSS, OS threads and open fds. Prints the three series and a verdict
# (PASS: no unexpected answer, no 5xx, every series flat after warm-up); exits 0 on PASS.
#
#   bench/soak.sh [SECONDS]        default 600
#
# The load is app.SoakLoad from the test classes (the code the 60-second SoakIT runs in CI),
# started on the plain class path beside the server's modules (its HTTP/2 client uses the
# project's frame codec and HPACK). Builds the image and the test classes when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
image=http-app/target/image
classes=http-app/target/test-classes
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME

if [[ ! -x $image/bin/http-server || ! -f $classes/app/SoakLoad.class ]]; then
  echo "Building the image and test classes..."
  ./mvnw -B -q package -DskipTests
fi

exec "$JAVA_HOME/bin/java" -cp "$classes:http-app/target/modules/*" -Dimage.dir="$image" -Dresources.dir=resources app.SoakLoad "$seconds"
