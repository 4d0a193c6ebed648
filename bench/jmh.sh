#!/usr/bin/env bash
# JMH micro-benchmarks of the protocol codecs (module http-bench, built only with -Pjmh): the
# HTTP/1 request parser, the response-head writer and HPACK. Average time per
# operation in nanoseconds, one fork, 3 warm-up and 5 measured iterations of 2 s each (about
# 2 minutes for all). Like any benchmark, run it on a quiet machine.
#
#   bench/jmh.sh                       every benchmark
#   bench/jmh.sh Hpack                 those whose name matches a regular expression
#   bench/jmh.sh -h                    JMH's own options (anything after the script goes to JMH)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

./mvnw -B -q -Pjmh package -DskipTests -pl http-bench -am
classpath="http-bench/target/classes:$(cat http-bench/target/classpath.txt)"
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the start" >&2
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
