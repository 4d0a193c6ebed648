#!/usr/bin/env bash
#
# bench/haproxy.sh — S1 through HAProxy: GET 1 KiB of HTML, keep-alive, 50 connections, sent to
# HAProxy in front of N instances, first of http-server (deploy/haproxy/cluster.sh, the recipe as
# it is), then of nginx (N nginx processes of one worker each, behind the same haproxy.cfg with
# the same health checks). A figure of the recipe, for reference, not a test: on one machine the
# client, HAProxy and every instance share the cores, and HAProxy is expected to bound both.
#
# Usage: bench/haproxy.sh [--image DIR]
#
#   --image DIR   the jlink image (default http-app/target/image); this script builds nothing
#
# Environment (all optional): N=3 instances, DURATION=10s and RUNS=3 measured wrk runs, WARMUP=15s
# unmeasured run first, CONNECTIONS=50, THREADS=2, QUIET_WAIT=120 seconds at most to wait before
# each run for the load average to fall below 1, KEEP=1 keeps the work folder (logs, configs).
#
# Every process started here is stopped by its pid. Run it on a quiet machine: the 1-minute load
# average is printed before each run, and a run that started above 1 should be repeated.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
image=$repo/http-app/target/image
while [ $# -gt 0 ]; do
    case "$1" in
        --image) image="${2:?--image needs a folder}"; shift 2 ;;
        --help|-h) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "haproxy.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
N=${N:-3}
DURATION=${DURATION:-10s}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}

for tool in wrk haproxy nginx curl; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] \
        || { echo "haproxy.sh: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
[ -x "$image/bin/http-server" ] || { echo "haproxy.sh: no image at $image (./mvnw -B package -DskipTests)" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() {
    local pid
    STATE_DIR=$work/ours "$repo/deploy/haproxy/cluster.sh" stop >/dev/null 2>&1 || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "${KEEP:-}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# COUNT consecutive free loopback ports; prints the first.
free_ports() {
    local count=$1 first p ok
    for _ in $(seq 1 50); do
        first=$(( 20000 + RANDOM % 20000 ))
        ok=1
        for (( p = first; p < first + count; p++ )); do
            if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then ok=0; break; fi
        done
        if [ $ok = 1 ]; then echo "$first"; return; fi
    done
    echo "haproxy.sh: no $count free consecutive ports" >&2; exit 1
}

root=$work/root
mkdir -p "$root" "$work/uploads"
{ printf '<!DOCTYPE html>\n<title>1 KiB</title>\n<p>'; head -c 2000 /dev/zero | tr '\0' 'x'; } | head -c 1024 >"$root/small.html"

# Waits (at most QUIET_WAIT seconds) for the 1-minute load average to fall below 1: the run
# before raised it, and a run that starts on a loaded machine measures the load.
QUIET_WAIT=${QUIET_WAIT:-120}
quiet() {
    local waited=0
    while awk '{ exit !($1 >= 1) }' /proc/loadavg && (( waited < QUIET_WAIT )); do sleep 5; waited=$(( waited + 5 )); done
}

# S1 against http://127.0.0.1:PORT/small.html; prints the median req/s of RUNS, with min–max.
measure() {
    local port=$1 label=$2 rates=() run out rate
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$port/small.html" >/dev/null
    for (( run = 1; run <= RUNS; run++ )); do
        quiet
        echo "  $label run $run: load $(cut -d' ' -f1 /proc/loadavg)" >&2
        out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$port/small.html")
        if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
            echo "  $label run $run: $(grep 'Non-2xx\|Socket errors' <<<"$out")" >&2
        fi
        rate=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
        rates+=("$rate")
    done
    printf '%s\n' "${rates[@]}" | sort -n | awk '{ r[NR] = $1 } END { printf "%.0f (%.0f–%.0f)\n", r[int((NR + 1) / 2)], r[1], r[NR] }'
}

# HAProxy's status of server s<i>: UP, DOWN, ...
up() { curl -s "http://127.0.0.1:$1/stats;csv" | awk -F, -v name="s$2" '$1 == "instances" && $2 == name { print $18 }'; }

# 1. http-server: the recipe itself.
base=$(free_ports $(( 2 + 2 * N )))
front=$base stats=$(( base + 1 )) ports=$(( base + 2 )) admins=$(( base + 2 + N ))
echo "http-server: $N instances behind HAProxy on 127.0.0.1:$front" >&2
STATE_DIR=$work/ours IMAGE=$image/bin/http-server ROOT=$root UPLOADS=$work/uploads FRONT_PORT=$front \
    STATS_PORT=$stats BASE_PORT=$ports ADMIN_BASE_PORT=$admins SERVER_ARGS="--log-level warn" \
    "$repo/deploy/haproxy/cluster.sh" start "$N" >&2
ours=$(measure "$front" http-server)
STATE_DIR=$work/ours "$repo/deploy/haproxy/cluster.sh" stop >&2

# 2. nginx: N processes of one worker, each with a /health on its own "admin" port.
base=$(free_ports $(( 2 + 2 * N )))
front=$base stats=$(( base + 1 )) ports=$(( base + 2 )) admins=$(( base + 2 + N ))
servers=""
for (( i = 1; i <= N; i++ )); do
    port=$(( ports + i - 1 )) admin=$(( admins + i - 1 ))
    {
        [ "$(id -u)" -eq 0 ] && echo "user root;"
        cat <<EOF
worker_processes 1;
daemon off;
pid $work/nginx-$i.pid;
error_log $work/nginx-$i-error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    keepalive_timeout 30s;
    client_body_temp_path $work/nginx-$i-body;
    proxy_temp_path $work/nginx-$i-proxy;
    fastcgi_temp_path $work/nginx-$i-fastcgi;
    uwsgi_temp_path $work/nginx-$i-uwsgi;
    scgi_temp_path $work/nginx-$i-scgi;
    server { listen 127.0.0.1:$port; root $root; keepalive_requests 100; }
    server { listen 127.0.0.1:$admin; location = /health { return 200 "ok\n"; } }
}
EOF
    } >"$work/nginx-$i.conf"
    "$nginx_bin" -c "$work/nginx-$i.conf" -e "$work/nginx-$i-error.log" &
    pids+=($!)
    servers+="    server s$i 127.0.0.1:$port port $admin"$'\n'
done
awk -v servers="${servers%$'\n'}" -v front="$front" -v stats="$stats" '
    $0 == "@SERVERS@" { print servers; next }
    $0 == "@TLS_BIND@" { next }
    { gsub(/@FRONT_PORT@/, front); gsub(/@STATS_PORT@/, stats); print }' \
    "$repo/deploy/haproxy/haproxy.cfg" >"$work/haproxy-nginx.cfg"
haproxy -db -f "$work/haproxy-nginx.cfg" >>"$work/haproxy-nginx.log" 2>&1 &
pids+=($!)
echo "nginx: $N instances behind HAProxy on 127.0.0.1:$front" >&2
for (( i = 1; i <= N; i++ )); do
    for _ in $(seq 1 100); do [[ $(up "$stats" "$i") == UP* ]] && break; sleep 0.1; done
    [[ $(up "$stats" "$i") == UP* ]] || { echo "haproxy.sh: nginx instance $i never UP" >&2; exit 1; }
done
theirs=$(measure "$front" nginx)

echo
echo "S1 through HAProxy $(haproxy -v | head -n 1 | awk '{ print $3 }'), $N instances, $CONNECTIONS connections, req/s (median of $RUNS, min–max):"
printf '  %-12s %s\n' http-server "$ours" nginx "$theirs"
awk -v a="${ours%% *}" -v b="${theirs%% *}" 'BEGIN { printf "  ratio        %.2f×\n", a / b }'
