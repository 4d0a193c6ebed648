#!/usr/bin/env bash
#
# bench/run.sh — load benchmark of the runtime image with wrk (HTTP/1.1) and h2load (HTTP/2),
# optionally side by side with nginx.
#
# Usage:
#   bench/run.sh [--vs nginx] [--image DIR] [--only nginx] [--help]
#
#   --vs nginx    also run every scenario against nginx (Debian package, installed when missing),
#                 alternating the two servers run by run, and print both with their ratios
#   --image DIR   the jlink image to measure (default: http-app/target/image). This script builds
#                 nothing: run ./mvnw package first.
#   --only nginx  run nginx alone (implies --vs nginx; no image needed): a check of this script and
#                 of nginx's configuration, not a comparison
#
# Environment (all optional):
#   DURATION=10s   length of each measured wrk run       RUNS=3       measured runs per figure
#   WARMUP=3s      unmeasured wrk run before each scenario  THREADS=2 wrk threads (h2load: at most 2)
#   IDLE=10000     idle connections held open in S5      STARTS=10    start-ups timed in S7
#   SCENARIOS="S1 S2 S3 S4 S5 S1x S1d S4d T1 T4 T2 H1 H2 H3 Z1 Z2 S7"   which to run (S6 is read during S1 and
#                  at the end); DURATION, RUNS and WARMUP apply to the H rows (h2load) too
#   SERVER_OPTS    extra arguments for http-server       JAVA_OPTS    passed to the launcher
#   LOG_LEVEL=warn http-server's --log-level (see below)
#   KEEP=1         keep the temporary directory (server logs, nginx config, certificate)
#
# Scenarios (loopback only, wrk on the same machine; figures are the median of RUNS with min–max):
#   S1  GET 1 KiB html, keep-alive, 50 connections                        req/s
#   S2  GET 1 MiB binary, keep-alive, 16 connections                      MiB/s
#   S3  GET 50 MiB binary, 4 connections                                  MiB/s
#   S4  GET 1 KiB with "Connection: close", 50 connections (a new connection per request)
#   S5  S1 while a helper (bench/IdleClients.java) holds IDLE idle keep-alive connections, then
#       every idle connection must still answer a request; each run opens a fresh set
#   S1x S1 with 10 000 requests per connection on both servers (see "Fairness" below)
#   S1d S1 with both servers' defaults: ours logs its INFO request line to standard error, sent to a
#       file, and closes after 100 responses; nginx writes its access_log (combined) to a file and
#       closes after 1000 (keepalive_requests' default). Each log's line count is printed after.
#   S4d S4 with the same defaults
#   T1  S1 over TLS (https, keep-alive, 50 connections)                   req/s
#   T4  S4 over TLS: a new connection and a full handshake per request    req/s
#   T2  S2 over TLS (1 MiB, 16 connections)                               MiB/s
#   H1  HTTP/2 over TLS (ALPN h2): GET 1 KiB, 50 connections x 10 concurrent streams  req/s
#   H2  HTTP/2 over TLS (ALPN h2): GET 1 MiB, 16 connections x 1 stream              MiB/s
#   H3  h2c (cleartext HTTP/2 by prior knowledge): GET 1 KiB, 50 connections x 10 streams  req/s
#   Z1  GET a 100 KiB HTML page with precompressed siblings, "Accept-Encoding: gzip, br",
#       keep-alive, 50 connections: ours sends the .br sibling (br before gzip at equal q), nginx
#       its gzip_static .gz (nginx 1.22 has no brotli); both read the bytes from disk  req/s
#   Z2  the same with a page that has no sibling: ours compresses it once into its cache, nginx
#       (gzip on, gzip_comp_level 6) compresses it for every request                req/s
#   S6  peak RSS (VmHWM) after S1 and at the end, and the most threads seen during S1
#   S7  start-up: launch to the first accepted TCP connection, median of STARTS (and to the
#       first response, for information)
# Beside each throughput the server's own CPU time per request is shown (utime+stime from
# /proc/PID/stat over the run, divided by the requests wrk completed), since wrk shares the cores.
#
# HTTP/2 (H1, H2, H3): h2load from nghttp2-client (installed when missing) in timing mode
# (h2load -D DURATION, after an unmeasured h2load -D WARMUP run per server, like the wrk rows),
# -t min(THREADS, 2), -N 10s (a connection silent for 10 s is a timeout), -c and -m as above.
# req/s and MiB/s are computed from h2load's counts (requests done, traffic total bytes, the main
# duration). A row fails, and shows why, when any request failed (h2load's "failed": errored,
# timed out or a status other than 2xx), when h2load reported nothing, or when the connection did
# not speak h2 (H1, H2) or h2c (H3). What h2load negotiated is printed under the table.
# Each stream is one request to http-server's worker pool: 50 x 10 streams are up to 500 requests
# at once, more than its default pool and queue hold (--pool 10, --queue 100), and it answers the
# rest 503 at once (logged as "Thread pool saturated"), which fails H1 and H3 with its defaults.
# SERVER_OPTS="--queue 1000" measures it without that limit (and is then printed with the table).
# Our server serves H1/H2 on its HTTPS listener (ALPN h2, preferred) and H3 on its cleartext
# port (prior knowledge); nginx gets two more server blocks, "listen ... ssl http2" (same
# certificate and TLS settings as the T rows) and "listen ... http2" without ssl (nginx 1.22
# serves prior-knowledge h2c there), both with http2_max_concurrent_streams 100 as ours.
#
# TLS (T1, T4, T2): at start the script makes a throwaway ECDSA P-256 CA and server certificate
# with openssl in its temporary directory (SAN IP:127.0.0.1, DNS:localhost; chain.pem = server
# certificate + CA, key.pem = PKCS#8 key). Both servers get the same chain and key; the version
# and cipher each one negotiates with an OpenSSL client (TLS 1.3, and TLS 1.2 forced) are printed
# under the table. wrk (Debian's, built with OpenSSL) runs with a small preloaded library
# (compiled here with cc) that counts its handshakes, full or resumed, shown in the table.
#   Session resumption: wrk keeps one SSL object per connection slot and reconnects with it, so
#   OpenSSL offers the previous session and, left alone, every reconnect is a *resumed* handshake
#   (TLS 1.3 PSK with ECDHE: no certificate, no signature). Checked against nginx: all but the
#   first handshake of each slot were resumed ($ssl_session_reused). h2load --h1 (nghttp2 1.52)
#   resumes too, with no option against it. T4 therefore runs wrk with the library dropping the
#   session before each reconnect, so every connection is a full handshake (certificate + ECDSA
#   signature); the count in the table shows it. T1 and T2 are left alone: their few reconnects
#   (every 100 requests, see Fairness) resume where the server allows it, as a browser's would;
#   the count shows what each server did.
#
# How each server runs:
#   http-server  the image's bin/http-server with its defaults, plus --port, --root,
#                --max-connections 11000 (S5 needs more than the default 10 000) and
#                --log-level warn: by default it logs one INFO line per request (and one per
#                transfer of 1 MiB or more), which cost about a fifth of its CPU per request in
#                S1, while nginx runs with access_log off. LOG_LEVEL=info measures the default.
#                JAVA_OPTS and SERVER_OPTS are passed on when set, and printed. With T1, T4, T2,
#                H1 or H2 it also gets --https-port, --tls-cert and --tls-key (same process, the
#                JDK's TLS with its defaults); an image without TLS will not start then.
#   nginx        a generated config: 2 worker processes, sendfile on, access_log off,
#                keepalive_timeout 30s (as ours), keepalive_requests 100. For TLS a server block
#                "listen ... ssl" with Mozilla's intermediate profile: TLSv1.2 TLSv1.3, its
#                ECDHE TLS 1.2 ciphers, ssl_prefer_server_ciphers off, ssl_session_timeout 1d,
#                ssl_session_cache shared:MozSSL:10m, ssl_session_tickets off (no HTTP/2 there:
#                wrk speaks HTTP/1.1; H1/H2 have their own "listen ... ssl http2" block with the
#                same settings, see HTTP/2 above; no OCSP stapling for a throwaway CA). sendfile
#                cannot apply to TLS without kernel TLS, which is not enabled: nginx encrypts in
#                user space, as the JDK does.
# Fairness: http-server closes a connection after 100 responses (--max-requests, default 100) and
# nginx after keepalive_requests (default 1000). The main rows use 100 on both; row S1x runs a
# second http-server with --max-requests 10000 against an nginx server block with
# keepalive_requests 10000, so both comparisons are shown. HTTP/2 differs: http-server's
# --max-requests counts HTTP/1 responses only and keeps an h2 connection open for any number of
# streams, while nginx 1.22 applies keepalive_requests to the streams of an h2 connection too and
# then sends GOAWAY. h2load 1.52 in timing mode does not reconnect after that GOAWAY: the streams
# it had in flight fail ("Process Request Failure") and the connection is gone for the rest of
# the run (tried: with 100, nginx fell to a tenth of its rate with hundreds of failed requests).
# nginx's two h2 server blocks therefore get keepalive_requests 1000000000, which no connection
# reaches within a run, matching http-server's unlimited streams per h2 connection.
#
# Every process started is stopped by its pid on exit. Needs root or sudo only to install wrk,
# h2load (nghttp2-client), nginx, openssl and a C compiler when they are missing.

set -uo pipefail

usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2 { sub(/^# ?/, ""); print }' "$0"; }

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
image="$project/http-app/target/image"
vs=""
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --vs) vs="${2:-}"; shift 2 || { echo "run.sh: --vs needs a value (nginx)" >&2; exit 2; } ;;
        --vs=*) vs="${1#--vs=}"; shift ;;
        --image) image="${2:-}"; shift 2 || { echo "run.sh: --image needs a directory" >&2; exit 2; } ;;
        --image=*) image="${1#--image=}"; shift ;;
        --only) only="${2:-}"; shift 2 || { echo "run.sh: --only needs a value (nginx)" >&2; exit 2; } ;;
        --only=*) only="${1#--only=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$vs" ] && [ "$vs" != nginx ]; then
    echo "run.sh: --vs supports only nginx" >&2
    exit 2
fi
if [ -n "$only" ]; then
    [ "$only" = nginx ] || { echo "run.sh: --only supports only nginx" >&2; exit 2; }
    vs=nginx
fi

DURATION=${DURATION:-10s}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
IDLE=${IDLE:-10000}
STARTS=${STARTS:-10}
SCENARIOS=${SCENARIOS:-"S1 S2 S3 S4 S5 S1x S1d S4d T1 T4 T2 H1 H2 H3 Z1 Z2 S7"}
SERVER_OPTS=${SERVER_OPTS:-}
export JAVA_OPTS=${JAVA_OPTS:-}

launcher="$image/bin/http-server"
if [ -z "$only" ] && [ ! -x "$launcher" ]; then
    echo "run.sh: no runtime image at $image (missing bin/http-server)." >&2
    echo "        Build it first:  ./mvnw -B package -DskipTests   (or ./mvnw verify)" >&2
    exit 1
fi

want() { [[ " $SCENARIOS " == *" $1 "* ]]; }
want_tls() { want T1 || want T4 || want T2; }
want_h2() { want H1 || want H2 || want H3; }
want_h2tls() { want H1 || want H2; }
want_z() { want Z1 || want Z2; }
need_cert() { want_tls || want_h2tls; } # the throwaway certificate and both servers' https ports

# --- tools ---------------------------------------------------------------------------------

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
install_package() { # package...
    echo "run.sh: installing $* from the Debian archive" >&2
    if [ -z "$apt_updated" ]; then
        as_root apt-get update -qq || { echo "run.sh: apt-get update failed" >&2; exit 1; }
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
        || { echo "run.sh: could not install $*" >&2; exit 1; }
}
command -v wrk >/dev/null || install_package wrk
if want_h2; then command -v h2load >/dev/null || install_package nghttp2-client; fi
nginx_bin=""
if [ -n "$vs" ]; then
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
    [ -x "$nginx_bin" ] || install_package nginx
    nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
fi
need_cert && { command -v openssl >/dev/null || install_package openssl; }
want_z && { command -v brotli >/dev/null || install_package brotli; }
want_tls && { command -v cc >/dev/null || install_package gcc libc6-dev; }

# The helper runs on a JDK (source-file mode needs the compiler, which the image leaves out).
java_for_helper=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "$(command -v java || true)"; do
    if [ -x "$candidate" ] && "$candidate" --version 2>/dev/null | head -1 | grep -Eq ' (2[1-9]|[3-9][0-9])'; then
        java_for_helper=$candidate
        break
    fi
done
if want S5 && [ -z "$java_for_helper" ]; then
    echo "run.sh: S5 needs a JDK 21+ for bench/IdleClients.java: set JAVA_HOME" >&2
    exit 1
fi

# S5 holds IDLE client sockets in the helper and as many in each server.
need_fds=$((IDLE + 1000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
    ulimit -n "$need_fds" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    if want S5 && [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
        echo "run.sh: S5 needs $need_fds open files; the hard limit is $(ulimit -Hn). Raise it or set IDLE lower." >&2
        exit 1
    fi
fi

# --- processes, cleaned up on exit ----------------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/http-bench.XXXXXX")
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    if [ "${KEEP:-0}" = 1 ]; then
        echo "run.sh: kept $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget() { # pid: stop it and drop it from the cleanup list
    local pid=$1 kept=() p
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    for p in "${pids[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
    pids=("${kept[@]}")
}

# A free port below the kernel's ephemeral range, so that no client socket of this benchmark
# (wrk, the idle helper) can be holding it when a server binds it.
ephemeral_low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$ephemeral_low" -gt 11000 ] 2>/dev/null || ephemeral_low=32768
free_port() {
    local port
    while true; do
        port=$((10000 + RANDOM % (ephemeral_low - 10000)))
        if ! ss -Htln "sport = :$port" 2>/dev/null | grep -q . \
            && ! { exec 9<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
            echo "$port"
            return
        fi
        exec 9<&- 9>&- 2>/dev/null
    done
}

# A FIFO that never has data (this shell holds its writing end): `read -t` on it sleeps without
# forking a process.
mkfifo "$work/never"
exec {never}<>"$work/never"
nap() { read -r -t "$1" -u "$never" _ 2>/dev/null || true; }

wait_for_port() { # port timeout-seconds: true once a TCP connection is accepted
    local deadline=$((SECONDS + $2))
    until { exec 8<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || return 1
        nap 0.001
    done
    exec 8<&- 8>&-
}

# --- document root and configurations ---------------------------------------------------------

root="$work/root"
mkdir -p "$root"
chmod 755 "$work" "$root"
{
    printf '<!DOCTYPE html>\n<html><head><title>bench</title></head><body><p>\n'
    for _ in $(seq 40); do printf 'The quick brown fox jumps over the lazy dog. '; done
} | head -c 1009 > "$root/index.html"
printf '</p></body></html>\n' | head -c $((1024 - $(stat -c %s "$root/index.html"))) >> "$root/index.html"
head -c $((1 << 20)) /dev/urandom > "$root/1m.bin"
if want_z; then
    # 100 KiB of HTML that compresses as pages do (about 4:1 with gzip -6): paragraphs of words
    # drawn from a small vocabulary by a fixed generator, so every run measures the same bytes.
    page() {
        awk 'BEGIN {
            n = split("the server sends files uploads request response header stream window frame " \
                "connection client cache range tag coding gzip brotli table limit pool worker queue " \
                "timeout listener certificate handshake record buffer body length field value", w, " ")
            x = 12345; printf "<!DOCTYPE html>\n<html><head><title>bench</title></head><body>\n"
            for (p = 0; p < 400; p++) {
                printf "<p class=\"para-%d\">", p % 7
                for (i = 0; i < 40; i++) { x = (x * 1103515245 + 12345) % 2147483648; printf "%s ", w[1 + int(x / 65536) % n] }
                printf "</p>\n"
            }
        }'
    }
    page | head -c $((100 * 1024 - 15)) > "$root/pre.html"
    printf '</body></html>\n' >> "$root/pre.html"
    cp "$root/pre.html" "$root/fly.html"
    gzip -6 -k -n "$root/pre.html"
    brotli -k -q 11 "$root/pre.html"
    touch -r "$root/pre.html" "$root/pre.html.gz" "$root/pre.html.br"
fi
head -c $((50 << 20)) /dev/urandom > "$root/50m.bin"

our_port=$(free_port)
our_args=(--root "$root" --max-connections 11000)
our_log=(--log-level "${LOG_LEVEL:-warn}") # start_ours passes it; the "defaults" instance none
# shellcheck disable=SC2206
our_args+=($SERVER_OPTS)

# --- TLS: a throwaway CA and server certificate, ECDSA P-256, made fresh for each run ------------

tls_dir="$work/tls"
our_tls_args=()
if need_cert; then
    mkdir -p "$tls_dir"
    chmod 755 "$tls_dir"
    tls_log="$tls_dir/openssl.log"
    {
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
            -keyout "$tls_dir/ca-key.pem" -out "$tls_dir/ca.pem" -subj "/CN=http-bench throwaway CA" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
        && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -keyout "$tls_dir/key.pem" -out "$tls_dir/server.csr" -subj "/CN=localhost" \
        && printf '%s\n' basicConstraints=critical,CA:FALSE keyUsage=critical,digitalSignature \
            extendedKeyUsage=serverAuth subjectAltName=IP:127.0.0.1,DNS:localhost > "$tls_dir/server.ext" \
        && openssl x509 -req -in "$tls_dir/server.csr" -CA "$tls_dir/ca.pem" -CAkey "$tls_dir/ca-key.pem" \
            -CAcreateserial -days 2 -sha256 -extfile "$tls_dir/server.ext" -out "$tls_dir/server.pem" \
        && cat "$tls_dir/server.pem" "$tls_dir/ca.pem" > "$tls_dir/chain.pem" \
        && openssl verify -CAfile "$tls_dir/ca.pem" "$tls_dir/chain.pem"
    } > "$tls_log" 2>&1 || { echo "run.sh: could not make the test certificate:" >&2; cat "$tls_log" >&2; exit 1; }
    chmod 644 "$tls_dir"/*.pem
    our_tls_port=$(free_port)
    our_tls_args=(--https-port "$our_tls_port" --tls-cert "$tls_dir/chain.pem" --tls-key "$tls_dir/key.pem")
fi

if want_tls; then
    # The library that counts wrk's handshakes (full or resumed) and, with BENCH_TLS_FRESH=1, drops
    # the session when wrk reuses an SSL object for a new connection (see "Session resumption").
    tls_shim="$work/tls-handshakes.so"
    cat > "$work/tls-handshakes.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct ssl_st SSL;
static int (*real_connect)(SSL *);
static int (*real_clear)(SSL *);
static int (*set_session)(SSL *, void *);
static int (*session_reused)(const SSL *);
static int fresh;
static unsigned long full, resumed;

__attribute__((constructor)) static void init(void) {
    real_connect = (int (*)(SSL *)) dlsym(RTLD_NEXT, "SSL_connect");
    real_clear = (int (*)(SSL *)) dlsym(RTLD_NEXT, "SSL_clear");
    set_session = (int (*)(SSL *, void *)) dlsym(RTLD_NEXT, "SSL_set_session");
    session_reused = (int (*)(const SSL *)) dlsym(RTLD_NEXT, "SSL_session_reused");
    const char *f = getenv("BENCH_TLS_FRESH");
    fresh = f != NULL && strcmp(f, "1") == 0;
}

/* wrk calls SSL_connect until it returns 1: the handshake is then complete. */
int SSL_connect(SSL *s) {
    int r = real_connect(s);
    if (r == 1) __atomic_fetch_add(session_reused(s) ? &resumed : &full, 1, __ATOMIC_RELAXED);
    return r;
}

/* wrk closes a connection with SSL_shutdown + SSL_clear and connects again with the same SSL,
   which keeps the session and so resumes it; dropping it makes the next handshake a full one. */
int SSL_clear(SSL *s) {
    int r = real_clear(s);
    if (fresh && r == 1) set_session(s, NULL);
    return r;
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("BENCH_TLS_COUNTS");
    if (path == NULL || real_connect == NULL) return;
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) return;
    char line[64];
    int n = snprintf(line, sizeof line, "%lu %lu\n", full, resumed);
    if (n > 0 && write(fd, line, (size_t) n) != n) { /* nothing to do: the count is then missing */ }
    close(fd);
}
EOF
    cc -O2 -shared -fPIC -o "$tls_shim" "$work/tls-handshakes.c" -ldl > "$work/cc.log" 2>&1 \
        || { echo "run.sh: could not build the handshake counter:" >&2; cat "$work/cc.log" >&2; exit 1; }
fi

nginx_conf() { # port:keepalive_requests[:tls|h2|h2c|gz]... (the first port names the pid file)
    # As root, nginx would switch its workers to the user "nobody", which cannot read the root.
    [ "$(id -u)" -eq 0 ] && echo "user root;"
    cat <<EOF
worker_processes 2;
daemon off;
pid $work/nginx-${1%%:*}.pid;
error_log $work/nginx-error.log warn;
worker_rlimit_nofile $need_fds;
events { worker_connections $need_fds; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    keepalive_timeout 30s;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    fastcgi_temp_path $work/nginx-fastcgi;
    uwsgi_temp_path $work/nginx-uwsgi;
    scgi_temp_path $work/nginx-scgi;
EOF
    local spec port requests tls
    for spec in "$@"; do
        IFS=: read -r port requests tls <<< "$spec"
        if [ "$tls" = gz ]; then
            # Z1, Z2: precompressed .gz siblings when there is one, else gzip at level 6 per request.
            echo "    server { listen 127.0.0.1:$port; root $root; keepalive_requests $requests; gzip_static on; gzip on; gzip_comp_level 6; gzip_vary on; }"
        elif [ "$tls" = log ]; then
            # S1d, S4d: nginx's own defaults for the log (access_log, combined format, no buffer)
            # and for keepalive_requests (1000), as a server installed from the package runs.
            echo "    server { listen 127.0.0.1:$port; root $root; access_log $work/nginx-access.log; }"
        elif [ "$tls" = h2c ]; then
            # Prior-knowledge h2c: nginx 1.22 speaks HTTP/2 only on a listen with http2 and no ssl.
            echo "    server { listen 127.0.0.1:$port http2; root $root; keepalive_requests $requests; http2_max_concurrent_streams 100; }"
        elif [ "$tls" = tls ] || [ "$tls" = h2 ]; then
            # Mozilla's intermediate profile for nginx (TLS 1.2 ciphers: its ECDHE ones; the
            # DHE-RSA ones it also lists cannot serve an ECDSA certificate and need a dhparam).
            # h2: the same with "http2" on the listen (ALPN h2, then http/1.1).
            local listen="ssl" extra=""
            [ "$tls" = h2 ] && listen="ssl http2" extra=" http2_max_concurrent_streams 100;"
            cat <<EOF
    server {
        listen 127.0.0.1:$port $listen; root $root; keepalive_requests $requests;$extra
        ssl_certificate $tls_dir/chain.pem;
        ssl_certificate_key $tls_dir/key.pem;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
        ssl_prefer_server_ciphers off;
        ssl_session_timeout 1d;
        ssl_session_cache shared:MozSSL:10m;
        ssl_session_tickets off;
    }
EOF
        else
            echo "    server { listen 127.0.0.1:$port; root $root; keepalive_requests $requests; }"
        fi
    done
    echo "}"
}
if [ -n "$vs" ]; then
    ngx_port=$(free_port)
    ngx_port_x=$(free_port)
    ngx_listen=("$ngx_port:100" "$ngx_port_x:10000")
    if want S1d || want S4d; then
        ngx_port_d=$(free_port)
        ngx_listen+=("$ngx_port_d:1000:log")
    fi
    if want_tls; then
        ngx_tls_port=$(free_port)
        ngx_listen+=("$ngx_tls_port:100:tls")
    fi
    # keepalive_requests for h2: see "Fairness" (http-server has no limit per h2 connection).
    if want_h2tls; then
        ngx_h2_port=$(free_port)
        ngx_listen+=("$ngx_h2_port:1000000000:h2")
    fi
    if want H3; then
        ngx_h2c_port=$(free_port)
        ngx_listen+=("$ngx_h2c_port:1000000000:h2c")
    fi
    if want_z; then
        ngx_gz_port=$(free_port)
        ngx_listen+=("$ngx_gz_port:100:gz")
    fi
    nginx_conf "${ngx_listen[@]}" > "$work/nginx.conf"
    "$nginx_bin" -t -q -c "$work/nginx.conf" -e "$work/nginx-error.log" > "$work/nginx-test.log" 2>&1 \
        || { echo "run.sh: nginx rejects its configuration:" >&2; cat "$work/nginx-test.log" >&2; KEEP=1; exit 1; }
fi

# --- measurement helpers ------------------------------------------------------------------------

cat > "$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRKRESULT %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.bytes,
      summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
      latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
EOF

tck=$(getconf CLK_TCK)
# The server's processes: http-server is one JVM; nginx is its master and workers.
server_pids() { # pid
    echo "$1"
    pgrep -P "$1" 2>/dev/null || true
}
cpu_ticks() { # pid: utime+stime of the server's processes
    local total=0 p stat fields
    for p in $(server_pids "$1"); do
        stat=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        # Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
        read -r -a fields <<< "${stat##*) }"
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}
status_field() { # pid field: sum over the server's processes of a /proc/PID/status field (kB or count)
    local total=0 p v
    for p in $(server_pids "$1"); do
        v=$(awk -v f="$2:" '$1 == f { print $2 }' "/proc/$p/status" 2>/dev/null)
        total=$((total + ${v:-0}))
    done
    echo "$total"
}

declare -A results  # "scenario|server" -> space-separated values of the measured runs
declare -A cpu      # "scenario|server" -> CPU µs per request of each run
declare -A errs     # "scenario|server" -> socket errors + non-2xx of all runs
declare -A notes    # free text per "scenario|server"
max_threads=()

add() { results["$1|$2"]="${results["$1|$2"]:-} $3"; }

# One wrk run; prints "requests bytes seconds errors cpu_us_per_request full resumed p99", full
# and resumed being wrk's TLS handshakes ("- -" over http) and p99 its 99th percentile latency in
# milliseconds. tls_fresh=1 makes every handshake a full one.
tls_fresh=0
wrk_run() { # pid base-url connections path duration [header]
    local pid=$1 base=$2 conns=$3 path=$4 duration=$5 header=${6:-}
    local args=(-t "$THREADS" -c "$conns" -d "$duration" --timeout 10s -s "$work/report.lua")
    [ -n "$header" ] && args+=(-H "$header")
    local envs=() counts="$work/tls-counts" handshakes="- -"
    if [[ "$base" == https:* ]]; then
        rm -f "$counts"
        envs=(LD_PRELOAD="$tls_shim" BENCH_TLS_COUNTS="$counts" BENCH_TLS_FRESH="$tls_fresh")
    fi
    local before after out
    before=$(cpu_ticks "$pid")
    out=$(env "${envs[@]}" wrk "${args[@]}" "$base$path" 2>&1 | grep '^WRKRESULT')
    after=$(cpu_ticks "$pid")
    if [ ${#envs[@]} -gt 0 ]; then
        handshakes=$(awk '{ f += $1; r += $2 } END { if (NR) print f, r; else print "- -" }' "$counts" 2>/dev/null)
    fi
    if [ -z "$out" ]; then
        echo "0 0 1 1 0 $handshakes -"
        return
    fi
    # shellcheck disable=SC2086
    set -- $out
    local requests=$2 bytes=$3 micros=$4 errors=$(($5 + $6)) p99=$8
    awk -v r="$requests" -v b="$bytes" -v us="$micros" -v e="$errors" -v t=$((after - before)) -v hz="$tck" \
        -v hs="$handshakes" -v p99="$p99" \
        'BEGIN { printf "%d %d %.3f %d %.1f %s %.2f\n", r, b, us / 1e6, e, (r > 0 ? t * 1e6 / hz / r : 0), hs, p99 / 1000 }'
}

# Runs a command with its output in a file while sampling the thread count of a pid; sets max_seen.
max_seen=0
sample_threads() { # pid file command...
    local pid=$1 file=$2
    shift 2
    "$@" > "$file" &
    local job=$!
    max_seen=0
    while kill -0 "$job" 2>/dev/null; do
        local n
        n=$(status_field "$pid" Threads)
        [ "$n" -gt "$max_seen" ] && max_seen=$n
        nap 0.2
    done
    wait "$job"
}

servers=(ours)
[ -n "$vs" ] && servers+=(nginx)
[ -n "$only" ] && servers=("$only")
declare -A pid_of port_of scheme_of
label() { [ "$1" = ours ] && echo http-server || echo nginx; }
url_of() { echo "${scheme_of[$1]:-http}://127.0.0.1:${port_of[$1]}"; } # key (server + variant)

# Measures one scenario: RUNS runs per server, alternating (the first server changes each run).
scenario() { # name unit path connections [header] [port-variant-suffix]
    local name=$1 unit=$2 path=$3 conns=$4 header=${5:-} variant=${6:-}
    local run server order line
    echo "== $name ($path, $conns connections${header:+, $header}${variant:+, $variant}) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for server in "${servers[@]}"; do
        wrk_run "${pid_of[$server$variant]}" "$(url_of "$server$variant")" "$conns" "$path" "$WARMUP" "$header" >/dev/null
    done
    for run in $(seq "$RUNS"); do
        order=("${servers[@]}")
        if [ $((run % 2)) = 0 ] && [ ${#servers[@]} = 2 ]; then order=("${servers[1]}" "${servers[0]}"); fi
        for server in "${order[@]}"; do
            if [ "$name" = S1 ]; then
                sample_threads "${pid_of[$server]}" "$work/run.out" \
                    wrk_run "${pid_of[$server]}" "$(url_of "$server")" "$conns" "$path" "$DURATION" "$header"
                [ "$max_seen" -gt "${max_threads[0]:-0}" ] && [ "$server" = ours ] && max_threads[0]=$max_seen
                [ "$max_seen" -gt "${max_threads[1]:-0}" ] && [ "$server" = nginx ] && max_threads[1]=$max_seen
                line=$(cat "$work/run.out")
            else
                line=$(wrk_run "${pid_of[$server$variant]}" "$(url_of "$server$variant")" "$conns" "$path" "$DURATION" "$header")
            fi
            record "$name" "$server" "$unit" "$line"
        done
    done
}

# --- HTTP/2 with h2load ---------------------------------------------------------------------------

seconds_of() { # duration as wrk and h2load take it (10, 10s, 500ms, 2m, 1h): whole seconds, at least 1
    awk -v d="$1" 'BEGIN { n = d + 0; u = substr(d, length(n "") + 1)
        f = (u == "ms") ? 0.001 : (u == "m") ? 60 : (u == "h") ? 3600 : 1
        s = int(n * f + 0.999); print (s < 1 ? 1 : s) }'
}
h2_threads=$(( THREADS < 2 ? THREADS : 2 ))
[ "$h2_threads" -ge 1 ] 2>/dev/null || h2_threads=1
declare -A h2_seen # "scenario|server" -> what h2load negotiated in its last run ("h2 TLSv1.3 TLS_AES_...")
# One h2load run; prints "requests bytes seconds errors cpu_us_per_request - - -" as wrk_run does,
# and leaves h2load's output in $work/h2load.out and a summary of what failed in $h2_problem.
h2_problem="" h2_seen_last=""
h2load_run() { # pid base-url connections streams path duration expected-protocol
    local pid=$1 base=$2 conns=$3 streams=$4 path=$5 duration=$6 proto=$7
    local out="$work/h2load.out" before after limit
    limit=$(( $(seconds_of "$duration") + 30 ))
    before=$(cpu_ticks "$pid")
    timeout -k 5 "$limit" h2load -t "$h2_threads" -c "$conns" -m "$streams" -D "$duration" -N 10s \
        "$base$path" > "$out" 2>&1
    local rc=$?
    after=$(cpu_ticks "$pid")
    # finished in 2.00s, ... / requests: N total, N started, N done, N succeeded, N failed, N errored,
    # N timeout / status codes: N 2xx, N 3xx, N 4xx, N 5xx / traffic: ... (BYTES) total, ...
    local parsed
    parsed=$(awk -v want="$proto" -v rc="$rc" '
        /^finished in / { d = $3; sub(/,$/, "", d); n = d + 0; u = substr(d, length(n "") + 1)
            secs = n * ((u == "ms") ? 0.001 : (u == "us") ? 1e-6 : (u == "m") ? 60 : (u == "h") ? 3600 : 1) }
        /^requests: / { done = $6; failed = $10; errored = $12; timeout = $14 }
        /^status codes: / { s3 = $5; s4 = $7; s5 = $9 }
        /^traffic: / { b = $3; gsub(/[()]/, "", b) }
        /^TLS Protocol: / { tlsv = $3 } /^Cipher: / { cipher = $2 } /^Application protocol: / { app = $3 }
        END {
            p = ""
            if (secs == "" || done == "") p = "h2load reported no result (exit " rc ")"
            else {
                if (failed + 0 > 0) p = failed " failed (" errored + 0 " errored, " timeout + 0 " timed out, non-2xx: " s3 + 0 " 3xx " s4 + 0 " 4xx " s5 + 0 " 5xx)"
                if (app != want) p = p (p == "" ? "" : "; ") "protocol " (app == "" ? "none" : app) ", not " want
            }
            errors = (p == "") ? 0 : (failed + 0 > 0 ? failed : 1)
            seen = (app == "" ? "no protocol" : app) (tlsv == "" ? "" : " " tlsv " " cipher)
            printf "%d %d %.3f %d %s|%s\n", done, b, (secs > 0 ? secs : 1), errors, seen, p
        }' "$out")
    local counts=${parsed%%|*} requests bytes secs errors
    h2_problem=${parsed#*|}
    read -r requests bytes secs errors _ <<< "$counts"
    h2_seen_last=${counts#* * * * }
    awk -v r="$requests" -v b="$bytes" -v s="$secs" -v e="$errors" -v t=$((after - before)) -v hz="$tck" \
        'BEGIN { printf "%d %d %.3f %d %.1f - - -\n", r, b, s, e, (r > 0 ? t * 1e6 / hz / r : 0) }'
}

# An H row: RUNS runs per server with h2load, alternating as scenario() does. The variant names
# the port: "h2" the server's h2-over-TLS listener, "h2c" its prior-knowledge cleartext one.
scenario_h2() { # name unit path connections streams variant
    local name=$1 unit=$2 path=$3 conns=$4 streams=$5 variant=$6
    local run server order line
    echo "== $name ($path over $variant, $conns connections x $streams streams, h2load -t $h2_threads) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for server in "${servers[@]}"; do
        h2load_run "${pid_of[$server$variant]}" "$(url_of "$server$variant")" "$conns" "$streams" "$path" "$WARMUP" "$variant" >/dev/null
        [ -z "$h2_problem" ] || echo "   $(label "$server") warm-up: $h2_problem" >&2
    done
    for run in $(seq "$RUNS"); do
        order=("${servers[@]}")
        if [ $((run % 2)) = 0 ] && [ ${#servers[@]} = 2 ]; then order=("${servers[1]}" "${servers[0]}"); fi
        for server in "${order[@]}"; do
            h2load_run "${pid_of[$server$variant]}" "$(url_of "$server$variant")" "$conns" "$streams" "$path" "$DURATION" "$variant" > "$work/run.out"
            line=$(cat "$work/run.out")
            h2_seen["$name|$server"]=$h2_seen_last
            record "$name" "$server" "$unit" "$line"
            if [ -n "$h2_problem" ]; then
                notes["$name|$server"]="${notes["$name|$server"]:+${notes["$name|$server"]}; }run $run: $h2_problem"
                echo "   $(label "$server") run $run: $h2_problem; h2load said:" >&2
                grep -Ev '^(starting benchmark|spawning thread|Warm-up|Main benchmark|progress:|$)' "$work/h2load.out" \
                    | grep -Ev '^ ' | head -20 | sed 's/^/     /' >&2
            fi
        done
    done
}

declare -A hs_full hs_resumed # "scenario|server" -> wrk's TLS handshakes over the measured runs
record() { # scenario server unit "requests bytes seconds errors cpu [full resumed]"
    local name=$1 server=$2 unit=$3
    # shellcheck disable=SC2086
    set -- $4
    local value
    if [ "$unit" = "MiB/s" ]; then
        value=$(awk -v b="$2" -v s="$3" 'BEGIN { printf "%.0f", b / s / 1048576 }')
    else
        value=$(awk -v r="$1" -v s="$3" 'BEGIN { printf "%.0f", r / s }')
    fi
    add "$name" "$server" "$value"
    [[ "${8:--}" =~ ^[0-9.]+$ ]] && add "${name}p99" "$server" "$8"
    cpu["$name|$server"]="${cpu["$name|$server"]:-} $5"
    errs["$name|$server"]=$(( ${errs["$name|$server"]:-0} + $4 ))
    local tls=""
    if [[ "${6:--}" =~ ^[0-9]+$ && "${7:--}" =~ ^[0-9]+$ ]]; then
        hs_full["$name|$server"]=$(( ${hs_full["$name|$server"]:-0} + $6 ))
        hs_resumed["$name|$server"]=$(( ${hs_resumed["$name|$server"]:-0} + $7 ))
        tls=", handshakes $6 full $7 resumed"
    fi
    printf '   %-11s %10s %s  (cpu %s µs/req, errors %s%s)\n' "$(label "$server")" "$value" "$unit" "$5" "$4" "$tls" >&2
}

# --- S7: start-up --------------------------------------------------------------------------------

# Both set $started to the pid and add it to the cleanup list (no subshell: it stays our child).
# Each server runs in a session of its own, as a service manager starts it: Linux's scheduler
# then gives the server's group and the load generator's a fair share each of the two cores,
# rather than sharing them among all their threads. The script has no job control, so setsid
# execs in place and $! is the server's own pid.
start_ours() { # port [extra args...]
    local port=$1
    shift
    setsid "$launcher" --port "$port" "${our_args[@]}" "${our_log[@]}" "$@" >> "${our_log_file:-$work/http-server.log}" 2>&1 &
    started=$!
    pids+=("$started")
}
start_nginx() { # config
    setsid "$nginx_bin" -c "$1" -e "$work/nginx-error.log" >> "$work/nginx.log" 2>&1 &
    started=$!
    pids+=("$started")
}

time_start() { # server: one start-up; sets connect_ms and response_ms
    local server=$1 port t0 t1 t2 conf
    connect_ms=- response_ms=-
    port=$(free_port)
    if [ "$server" = ours ]; then
        t0=$EPOCHREALTIME
        start_ours "$port"
    else
        conf="$work/nginx-s7.conf"
        nginx_conf "$port:100" > "$conf"
        t0=$EPOCHREALTIME
        start_nginx "$conf"
    fi
    if ! wait_for_port "$port" 20; then
        forget "$started"
        echo "run.sh: $(label "$server") did not start (see $work)" >&2
        return
    fi
    t1=$EPOCHREALTIME
    local status=""
    if { exec 8<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
        printf 'GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&8
        read -r -t 10 -u 8 status
        exec 8<&- 8>&-
    fi
    t2=$EPOCHREALTIME
    forget "$started"
    if [[ "$status" != "HTTP/1.1 200"* ]]; then
        # Something else answered on the port, or the server failed: not a start-up to count.
        echo "run.sh: $(label "$server") gave no response at start-up ('${status%$'\r'}'); run not counted" >&2
        return
    fi
    read -r connect_ms response_ms <<< "$(awk -v a="$t0" -v b="$t1" -v c="$t2" \
        'BEGIN { printf "%.0f %.0f\n", (b - a) * 1000, (c - a) * 1000 }')"
}

if want S7; then
    echo "== S7 start-up x$STARTS load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for i in $(seq "$STARTS"); do
        for server in "${servers[@]}"; do
            time_start "$server"
            add S7 "$server" "$connect_ms"
            add S7r "$server" "$response_ms"
        done
    done
    for server in "${servers[@]}"; do
        echo "   $(label "$server"): connect ms:${results["S7|$server"]}; first response ms:${results["S7r|$server"]}" >&2
    done
fi

# --- the long-running servers ---------------------------------------------------------------------

if [ -z "$only" ]; then
    start_ours "$our_port" "${our_tls_args[@]}"
    pid_of[ours]=$started
    port_of[ours]=$our_port
    if need_cert; then
        pid_of[ourstls]=$started
        port_of[ourstls]=$our_tls_port
        scheme_of[ourstls]=https
    fi
    # HTTP/2 on the same two listeners: ALPN h2 over TLS, prior knowledge on the cleartext port.
    pid_of[oursh2]=$started
    port_of[oursh2]=${our_tls_port:-}
    scheme_of[oursh2]=https
    pid_of[oursh2c]=$started
    port_of[oursh2c]=$our_port
    # Compression: ours by default (precompressed siblings, gzip made here) on the same port.
    pid_of[oursz]=$started
    port_of[oursz]=$our_port
fi
if [ -n "$vs" ]; then
    start_nginx "$work/nginx.conf"
    pid_of[nginx]=$started
    port_of[nginx]=$ngx_port
    pid_of[nginxx]=${pid_of[nginx]}
    port_of[nginxx]=$ngx_port_x
    if want_tls; then
        pid_of[nginxtls]=${pid_of[nginx]}
        port_of[nginxtls]=$ngx_tls_port
        scheme_of[nginxtls]=https
    fi
    if want_h2tls; then
        pid_of[nginxh2]=${pid_of[nginx]}
        port_of[nginxh2]=$ngx_h2_port
        scheme_of[nginxh2]=https
    fi
    if want H3; then
        pid_of[nginxh2c]=${pid_of[nginx]}
        port_of[nginxh2c]=$ngx_h2c_port
    fi
    if want_z; then
        pid_of[nginxz]=${pid_of[nginx]}
        port_of[nginxz]=$ngx_gz_port
    fi
fi
for server in "${servers[@]}"; do
    if ! wait_for_port "${port_of[$server]}" 30 \
        || { want_tls && ! wait_for_port "${port_of[${server}tls]}" 10; } \
        || { want_h2tls && ! wait_for_port "${port_of[${server}h2]}" 10; } \
        || { want H3 && ! wait_for_port "${port_of[${server}h2c]}" 10; } \
        || { want_z && ! wait_for_port "${port_of[${server}z]}" 10; }; then
        echo "run.sh: $(label "$server") did not start or opened no https (or h2c) port; log in $work" >&2
        [ "$server" = ours ] && need_cert \
            && echo "        Is this image TLS-capable? Without T1 T4 T2 H1 H2 in SCENARIOS it runs without TLS." >&2
        KEEP=1
        exit 1
    fi
done

# What each server negotiates with an OpenSSL client (wrk's library, with its default offer), and
# whether the chain it sends verifies for 127.0.0.1 against the throwaway CA.
tls_probe() { # port [s_client option]: "TLSv1.3 TLS_AES_256_GCM_SHA384 X25519" or what went wrong
    local out
    out=$(timeout 10 openssl s_client -brief -connect "127.0.0.1:$1" -CAfile "$tls_dir/ca.pem" \
        -verify_ip 127.0.0.1 -verify_return_error "${@:2}" < /dev/null 2>&1)
    awk -F': *' '/^Protocol version/ { p = $2 } /^Ciphersuite/ { c = $2 } /^Server Temp Key/ { split($2, k, ","); g = k[1] }
        /^Verification error/ { v = " (verification error: " $2 ")" }
        /^verify error:/ { n = split($0, e, ":"); v = " (verification error: " e[n] ")" }
        END { if (p == "") print "no TLS handshake" v; else print p, c, g v }' <<< "$out"
}
declare -A tls_seen
if want_tls; then
    for server in "${servers[@]}"; do
        tls_seen[$server]="$(tls_probe "${port_of[${server}tls]}"); $(tls_probe "${port_of[${server}tls]}" -tls1_2)"
        echo "   $(label "$server") over TLS: ${tls_seen[$server]}" >&2
    done
fi

declare -A coding_seen
if want_z; then
    for server in "${servers[@]}"; do
        for page in pre fly; do
            coding_seen[$server$page]=$(curl -s -o /dev/null -H 'Accept-Encoding: gzip, br' \
                -w '%{http_code} %header{content-encoding} %{size_download} bytes' "$(url_of "${server}z")/$page.html")
            echo "   $(label "$server") /$page.html with Accept-Encoding: gzip, br: ${coding_seen[$server$page]}" >&2
        done
    done
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
want S1 && scenario S1 req/s /index.html 50
declare -A rss_s1
for server in "${servers[@]}"; do rss_s1[$server]=$(status_field "${pid_of[$server]}" VmHWM); done
want S2 && scenario S2 MiB/s /1m.bin 16
want S3 && scenario S3 MiB/s /50m.bin 4
want S4 && scenario S4 req/s /index.html 50 "Connection: close"

# S5: each run opens a fresh set of idle connections (the keep-alive timeout, 30 s on both,
# would close a set kept across runs), runs S1 beside them, then asks each idle one once more.
if want S5; then
    echo "== S5 ($IDLE idle + S1) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for run in $(seq "$RUNS"); do
        order=("${servers[@]}")
        if [ $((run % 2)) = 0 ] && [ ${#servers[@]} = 2 ]; then order=("${servers[1]}" "${servers[0]}"); fi
        for server in "${order[@]}"; do
            coproc IDLER { exec "$java_for_helper" "$here/IdleClients.java" 127.0.0.1 "${port_of[$server]}" "$IDLE" /index.html 2>&1; }
            idler_pid=$IDLER_PID
            pids+=("$idler_pid")
            ready=""
            read -r -t 120 -u "${IDLER[0]}" ready
            echo "   $(label "$server"): $ready" >&2
            line=$(wrk_run "${pid_of[$server]}" "$(url_of "$server")" 50 /index.html "$DURATION")
            record S5 "$server" req/s "$line"
            echo check >&"${IDLER[1]}"
            answered=""
            read -r -t 120 -u "${IDLER[0]}" answered
            echo "   $(label "$server"): $answered" >&2
            ok=$(sed -n 's/.*ok=\([0-9]*\).*/\1/p' <<< "$answered")
            add S5ok "$server" "${ok:-0}"
            wait "$idler_pid" 2>/dev/null
            forget "$idler_pid"
        done
    done
    declare -A rss_s5
    for server in "${servers[@]}"; do rss_s5[$server]=$(status_field "${pid_of[$server]}" VmHWM); done
fi

if want S1x && [ -z "$only" ]; then
    port_of[oursx]=$(free_port)
    start_ours "${port_of[oursx]}" --max-requests 10000
    pid_of[oursx]=$started
    wait_for_port "${port_of[oursx]}" 30 || { echo "run.sh: the second http-server did not start" >&2; exit 1; }
    scenario S1x req/s /index.html 50 "" x
    forget "${pid_of[oursx]}"
elif want S1x; then
    scenario S1x req/s /index.html 50 "" x
fi

# S1d, S4d: both servers as installed, request log on. Ours: a second instance without --log-level
# (INFO, one line per request) and its default --max-requests 100, standard error to a file of its
# own; nginx: the "log" server block (access_log to a file, keepalive_requests 1000).
if { want S1d || want S4d; } && [ -z "$only" ]; then
    port_of[oursd]=$(free_port)
    saved_log=("${our_log[@]}")
    our_log=()
    our_log_file="$work/http-server-requests.log" start_ours "${port_of[oursd]}"
    our_log=("${saved_log[@]}")
    pid_of[oursd]=$started
    wait_for_port "${port_of[oursd]}" 30 || { echo "run.sh: the defaults http-server did not start" >&2; exit 1; }
fi
if want S1d || want S4d; then
    if [ -n "$vs" ]; then
        pid_of[nginxd]=${pid_of[nginx]}
        port_of[nginxd]=$ngx_port_d
    fi
    want S1d && scenario S1d req/s /index.html 50 "" d
    want S4d && scenario S4d req/s /index.html 50 "Connection: close" d
    for server in "${servers[@]}"; do
        lines=$(cat "$([ "$server" = ours ] && echo "$work/http-server-requests.log" || echo "$work/nginx-access.log")" 2>/dev/null | wc -l)
        echo "   $(label "$server") defaults: $lines lines in its request log" >&2
    done
    [ -z "$only" ] && forget "${pid_of[oursd]}"
fi

want T1 && scenario T1 req/s /index.html 50 "" tls
if want T4; then
    tls_fresh=1
    scenario T4 req/s /index.html 50 "Connection: close" tls
    tls_fresh=0
fi
want T2 && scenario T2 MiB/s /1m.bin 16 "" tls
want H1 && scenario_h2 H1 req/s /index.html 50 10 h2
want H2 && scenario_h2 H2 MiB/s /1m.bin 16 1 h2
want H3 && scenario_h2 H3 req/s /index.html 50 10 h2c
want Z1 && scenario Z1 req/s /pre.html 50 "Accept-Encoding: gzip, br" z
want Z2 && scenario Z2 req/s /fly.html 50 "Accept-Encoding: gzip, br" z
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table -----------------------------------------------------------------------------------

stats() { # values...: "median min max" (median of an even count: the lower middle)
    printf '%s\n' "$@" | grep -v '^-*$' | sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "- - -"; exit }
        print v[int((NR + 1) / 2)], v[1], v[NR] }'
}
figure() { # key: "median (min–max)"
    # shellcheck disable=SC2086
    local s
    s=$(stats ${results[$1]:-})
    set -- $s
    if [ "$1" = - ]; then echo "–"; else echo "$1 ($2–$3)"; fi
}
median() { # key
    # shellcheck disable=SC2086
    stats ${results[$1]:-} | cut -d' ' -f1
}
median_of() { stats "$@" | cut -d' ' -f1; }
ratio() { # a b
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || a == "-" || b == "" || b == "-" || b + 0 == 0) print "–"; else printf "%.2f×", a / b }'
}
cpu_figure() { # key
    # shellcheck disable=SC2086
    local m
    m=$(median_of ${cpu[$1]:-})
    [ "$m" = - ] || [ -z "$m" ] && { echo "–"; return; }
    echo "$m"
}

mib() { if [ -z "${1:-}" ]; then echo "–"; else awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; fi; }

versions="$(label ours): \`bin/http-server --port P ${our_args[*]/$root/ROOT}${our_tls_args[*]:+ --https-port P2 --tls-cert CHAIN --tls-key KEY}\`"
[ -n "$JAVA_OPTS" ] && versions+=" with JAVA_OPTS='$JAVA_OPTS'"
java_release=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$image/release" 2>/dev/null)
[ -n "$only" ] && versions="$(label ours) not run (--only nginx)"
[ -z "$only" ] && [ -n "$java_release" ] && versions+=" (JDK $java_release)"
if [ -n "$vs" ]; then
    versions+="; nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///')"
    need_cert && versions+=" built with $("$nginx_bin" -V 2>&1 | sed -n 's/^built with //p')"
    versions+=": 2 workers, sendfile on, access_log off, keepalive_requests 100"
    need_cert && versions+=", TLS: Mozilla intermediate"
    want_h2 && versions+=", h2 blocks: http2_max_concurrent_streams 100, keepalive_requests 1000000000"
fi
want_tls && versions+="; wrk over $(openssl version | cut -d' ' -f1-2)"
need_cert && versions+="; certificate ECDSA P-256 (throwaway CA)"
want_h2 && versions+="; $(h2load --version 2>&1 | head -1 | sed 's/^h2load //') -t $h2_threads -N 10s"

echo
echo "### $(label ours)${vs:+ vs nginx} — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $load_start → $load_end"
echo
echo "wrk ${THREADS} threads, ${DURATION} × ${RUNS} runs per figure (median, min–max), warm-up ${WARMUP}; $versions"
echo
if [ -n "$vs" ]; then
    echo "| scenario | unit | http-server | nginx | ratio | CPU µs/req http-server | CPU µs/req nginx |"
    echo "|---|---|---|---|---|---|---|"
else
    echo "| scenario | unit | http-server | CPU µs/req |"
    echo "|---|---|---|---|"
fi
row() { # name description unit [strict: a server with any failed request shows FAILED, no ratio]
    local name=$1 text=$2 unit=$3 strict=${4:-}
    [ -n "${results["$name|ours"]:-}${results["$name|nginx"]:-}" ] || return 0
    local e_ours=${errs["$name|ours"]:-0} e_ngx=${errs["$name|nginx"]:-0} mark_ours="" mark_ngx=""
    local f_ours f_ngx r
    f_ours=$(figure "$name|ours") f_ngx=$(figure "$name|nginx")
    r=$(ratio "$(median "$name|ours")" "$(median "$name|nginx")")
    [ "$e_ours" -gt 0 ] && mark_ours=" ⚠ $e_ours errors"
    [ "$e_ngx" -gt 0 ] && mark_ngx=" ⚠ $e_ngx errors"
    if [ -n "$strict" ]; then
        [ "$e_ours" -gt 0 ] && f_ours="FAILED ($f_ours): ${notes["$name|ours"]:-$e_ours errors}" mark_ours="" r="–"
        [ "$e_ngx" -gt 0 ] && f_ngx="FAILED ($f_ngx): ${notes["$name|nginx"]:-$e_ngx errors}" mark_ngx="" r="–"
    fi
    if [ -n "$vs" ]; then
        echo "| $text | $unit | $f_ours$mark_ours | $f_ngx$mark_ngx | $r | $(cpu_figure "$name|ours") | $(cpu_figure "$name|nginx") |"
    else
        echo "| $text | $unit | $f_ours$mark_ours | $(cpu_figure "$name|ours") |"
    fi
}
row S1 "S1 1 KiB keep-alive, 50 conns" req/s
row S2 "S2 1 MiB keep-alive, 16 conns" MiB/s
row S3 "S3 50 MiB, 4 conns" MiB/s
row S4 "S4 1 KiB Connection: close, 50 conns" req/s
row S5 "S5 S1 beside $IDLE idle conns" req/s
row S1x "S1x S1 at 10 000 requests/conn (ours --max-requests 10000, nginx keepalive_requests 10000)" req/s
row S1d "S1d S1 with defaults: request log to a file on both, 100 (ours) / 1000 (nginx) requests/conn" req/s
row S4d "S4d S4 with defaults: request log to a file on both" req/s
row T1 "T1 S1 over TLS: 1 KiB keep-alive, 50 conns (goal ≥ 0.70×)" req/s
row T4 "T4 S4 over TLS: a full handshake per request, 50 conns (goal ≥ 0.50×)" req/s
row T2 "T2 S2 over TLS: 1 MiB keep-alive, 16 conns (goal ≥ 0.60×)" MiB/s
row H1 "H1 h2 over TLS: 1 KiB, 50 conns × 10 streams (goal ≥ 0.70×)" req/s strict
row H2 "H2 h2 over TLS: 1 MiB, 16 conns × 1 stream (goal ≥ 0.60×)" MiB/s strict
row H3 "H3 h2c prior knowledge: 1 KiB, 50 conns × 10 streams (goal ≥ 0.80×)" req/s strict
row Z1 "Z1 100 KiB HTML, precompressed, Accept-Encoding: gzip, br, 50 conns (goal ≥ 1.0×)" req/s
row Z2 "Z2 100 KiB HTML, gzip made on the fly (ours cached, nginx level 6 each time), 50 conns (goal ≥ 1.5×)" req/s
cols() { # ours nginx [ratio]
    if [ -n "$vs" ]; then echo "| $1 | $2 | $3 | $4 | ${5:-–} | | |"; else echo "| $1 | $2 | $3 | |"; fi
}
if want_tls; then
    declare -A handshakes
    for server in "${servers[@]}"; do
        handshakes[$server]=""
        for name in T1 T4 T2; do
            want "$name" || continue
            handshakes[$server]+="${handshakes[$server]:+; }$name ${hs_full["$name|$server"]:-?}/${hs_resumed["$name|$server"]:-?}"
        done
    done
    cols "TLS handshakes by wrk, full/resumed (measured runs)" "count" "${handshakes[ours]:-–}" "${handshakes[nginx]:-–}"
fi
if want S5 && [ -n "${results["S5|ours"]:-}${results["S5|nginx"]:-}" ]; then
    declare -A own answered
    for server in "${servers[@]}"; do
        own[$server]=$(ratio "$(median "S5|$server")" "$(median "S1|$server")")
        # shellcheck disable=SC2086
        answered[$server]="$(stats ${results["S5ok|$server"]} | awk '{ print $2 }') of $IDLE (worst run)"
    done
    cols "S5 req/s beside idle ÷ own S1" "ratio" "${own[ours]:-–}" "${own[nginx]:-–}"
    cols "S5 idle conns answering afterwards" "count" "${answered[ours]:-–}" "${answered[nginx]:-–}"
fi
for name in S1 S1d; do
    want "$name" && [ -n "${results["${name}p99|ours"]:-}${results["${name}p99|nginx"]:-}" ] || continue
    cols "$name p99 latency (wrk, median of runs)" "ms" "$(figure "${name}p99|ours")" \
        "$( [ -n "$vs" ] && figure "${name}p99|nginx")" \
        "$( [ -n "$vs" ] && ratio "$(median "${name}p99|ours")" "$(median "${name}p99|nginx")")"
done
if want S1; then
    cols "S6 peak RSS (VmHWM) after S1" "MiB" "$(mib "${rss_s1[ours]:-}")" "$( [ -n "$vs" ] && mib "${rss_s1[nginx]:-}")" \
        "$( [ -n "$vs" ] && ratio "${rss_s1[ours]:-}" "${rss_s1[nginx]:-}")"
    cols "S6 threads during S1 (most seen)" "count" "${max_threads[0]:-–}" "${max_threads[1]:-–}"
fi
if want S5; then
    cols "S6 peak RSS at the end (after S5)" "MiB" "$(mib "${rss_s5[ours]:-}")" "$( [ -n "$vs" ] && mib "${rss_s5[nginx]:-}")" \
        "$( [ -n "$vs" ] && ratio "${rss_s5[ours]:-}" "${rss_s5[nginx]:-}")"
fi
if want S7; then
    cols "S7 start-up to first accepted connection (median of $STARTS)" "ms" "$(figure "S7|ours")" \
        "$( [ -n "$vs" ] && figure "S7|nginx")" "$( [ -n "$vs" ] && ratio "$(median "S7|ours")" "$(median "S7|nginx")")"
    cols "S7 start-up to first response (median of $STARTS)" "ms" "$(figure "S7r|ours")" \
        "$( [ -n "$vs" ] && figure "S7r|nginx")" "$( [ -n "$vs" ] && ratio "$(median "S7r|ours")" "$(median "S7r|nginx")")"
fi
echo
echo "nginx RSS and threads are the sum over its master and worker processes. Ratios: http-server ÷ nginx (for RSS and start-up, lower is better)."
if want_tls; then
    negotiated=""
    for server in "${servers[@]}"; do negotiated+=" — $(label "$server"): ${tls_seen[$server]}"; done
    echo "TLS negotiated with an OpenSSL client (its default offer, then TLS 1.2 forced)$negotiated."
    echo "T4's handshakes are full ones: wrk would resume its previous session on each reconnect, which the preloaded counter stops (see --help); T1 and T2 resume on their reconnects."
fi
if want_h2; then
    negotiated=""
    for server in "${servers[@]}"; do
        negotiated+=" — $(label "$server"):"
        for name in H1 H2 H3; do want "$name" && negotiated+=" $name ${h2_seen["$name|$server"]:-–};"; done
        negotiated=${negotiated%;}
    done
    h2_note="A row fails when any request failed (see --help)."
    [ -n "$vs" ] && h2_note+=" Neither server closes an h2 connection after a number of streams here (nginx: keepalive_requests 1000000000 on its h2 blocks, see Fairness in --help)."
    echo "HTTP/2 rows: h2load negotiated (last run)$negotiated. $h2_note"
fi
if [ -f "$work/http-server.log" ]; then
    log_lines=$(wc -l < "$work/http-server.log")
    echo "http-server wrote $log_lines log lines during the run."
fi
