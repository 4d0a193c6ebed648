#!/usr/bin/env bash
# Several http-server instances behind HAProxy, on loopback: one shared document root and one
# shared upload folder, HAProxy in front (deploy/haproxy/haproxy.cfg, filled in here).
#
#   deploy/haproxy/cluster.sh start [N]        N instances (default 3), then HAProxy
#   deploy/haproxy/cluster.sh status           each process, its pid, and HAProxy's view of it
#   deploy/haproxy/cluster.sh rolling-restart  each instance in turn: SIGTERM, wait for its exit,
#                                              start it, wait for /ready and for HAProxy to send to
#                                              it again, then the next
#   deploy/haproxy/cluster.sh revive           start every instance that is not running (after a crash)
#   deploy/haproxy/cluster.sh stop             HAProxy, then every instance (SIGTERM, by pid)
#
# Settings (environment):
#   IMAGE            the server (default http-app/target/image/bin/http-server, the jlink image)
#   ROOT             shared document root (default ./resources)
#   UPLOADS          shared upload folder (default ROOT/uploads)
#   FRONT_PORT       HAProxy's cleartext port (default 8000)
#   TLS_CERT TLS_KEY PEM certificate chain and key: HAProxy terminates TLS on FRONT_TLS_PORT
#   FRONT_TLS_PORT   (default 8443); HAProxy wants both in one file, made here (mode 600)
#   BASE_PORT        instance i listens on BASE_PORT+i-1 (default 18001)
#   ADMIN_BASE_PORT  and its admin listener on ADMIN_BASE_PORT+i-1 (default 19001)
#   STATS_PORT       HAProxy's stats page on loopback (default 8404)
#   DRAIN_DELAY      --drain-delay of every instance (default 2: four health-check intervals)
#   SERVER_ARGS      more arguments for every instance (such as "--log-level warn")
#   TRUSTED_PROXY    the address HAProxy connects to the instances from: its X-Forwarded-For and
#                    X-Forwarded-Proto are believed from there (--trusted-proxy; default 127.0.0.1)
#   STATE_DIR        pid files, logs, the generated haproxy.cfg (default deploy/haproxy/run)
#
# Every process started here is recorded in a pid file and stopped by that pid, never by name.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

IMAGE=${IMAGE:-$repo/http-app/target/image/bin/http-server}
ROOT=${ROOT:-$repo/resources}
UPLOADS=${UPLOADS:-$ROOT/uploads}
FRONT_PORT=${FRONT_PORT:-8000}
FRONT_TLS_PORT=${FRONT_TLS_PORT:-8443}
BASE_PORT=${BASE_PORT:-18001}
ADMIN_BASE_PORT=${ADMIN_BASE_PORT:-19001}
STATS_PORT=${STATS_PORT:-8404}
DRAIN_DELAY=${DRAIN_DELAY:-2}
SERVER_ARGS=${SERVER_ARGS:-}
TRUSTED_PROXY=${TRUSTED_PROXY:-127.0.0.1}
STATE_DIR=${STATE_DIR:-$here/run}
TLS_CERT=${TLS_CERT:-}
TLS_KEY=${TLS_KEY:-}

START_TIMEOUT=30   # seconds for an instance to answer /ready, or HAProxy to list it UP
STOP_TIMEOUT=20    # seconds for a process to exit after SIGTERM (drain delay + 10 s grace + margin)

die() { echo "cluster.sh: $*" >&2; exit 1; }

count() {
  [[ -r $STATE_DIR/instances ]] || die "no cluster in $STATE_DIR (run: cluster.sh start [N])"
  cat "$STATE_DIR/instances"
}

port_of() { echo $((BASE_PORT + $1 - 1)); }
admin_of() { echo $((ADMIN_BASE_PORT + $1 - 1)); }

alive() { [[ -r $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Polls a command until it succeeds, at most $1 seconds.
await() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    (( SECONDS < deadline )) || return 1
    sleep 0.1
  done
}

ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$(admin_of "$1")/ready") == 200 ]]; }

# HAProxy's status of server s<i> in backend "instances": UP, DOWN, ...
haproxy_status() {
  curl -s "http://127.0.0.1:$STATS_PORT/stats;csv" | awk -F, -v name="s$1" '$1 == "instances" && $2 == name { print $18 }'
}
in_rotation() { [[ $(haproxy_status "$1") == UP* ]]; }

start_instance() {
  local i=$1 pidfile=$STATE_DIR/instance-$1.pid
  ! alive "$pidfile" || die "instance $i already runs (pid $(cat "$pidfile"))"
  local args=(--port "$(port_of "$i")" --host 127.0.0.1 --admin-port "$(admin_of "$i")"
    --root "$ROOT" --uploads "$UPLOADS" --drain-delay "$DRAIN_DELAY" --trusted-proxy "$TRUSTED_PROXY"
    --allow-host "127.0.0.1:$FRONT_PORT" --allow-host "localhost:$FRONT_PORT")
  if [[ -n $TLS_CERT ]]; then
    args+=(--allow-host "127.0.0.1:$FRONT_TLS_PORT" --allow-host "localhost:$FRONT_TLS_PORT")
  fi
  # shellcheck disable=SC2206 # SERVER_ARGS is split into words on purpose
  args+=($SERVER_ARGS)
  "$IMAGE" "${args[@]}" >>"$STATE_DIR/instance-$i.log" 2>&1 &
  echo $! >"$pidfile"
  if ! await "$START_TIMEOUT" ready "$i"; then
    tail -n 20 "$STATE_DIR/instance-$i.log" >&2
    die "instance $i (pid $(cat "$pidfile")) not ready on admin port $(admin_of "$i") within ${START_TIMEOUT}s"
  fi
}

# SIGTERM to the pid in $1, then wait for that process to be gone (SIGKILL after STOP_TIMEOUT).
stop_pid() {
  local pidfile=$1
  [[ -r $pidfile ]] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    if ! await "$STOP_TIMEOUT" bash -c "! kill -0 $pid 2>/dev/null"; then
      echo "cluster.sh: pid $pid still there ${STOP_TIMEOUT}s after SIGTERM: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      await 5 bash -c "! kill -0 $pid 2>/dev/null" || die "pid $pid survived SIGKILL"
    fi
  fi
  rm -f "$pidfile"
}

haproxy_config() {
  local n=$1 servers="" i tls_bind=""
  for ((i = 1; i <= n; i++)); do
    servers+="    server s$i 127.0.0.1:$(port_of "$i") port $(admin_of "$i")"$'\n'
  done
  if [[ -n $TLS_CERT ]]; then
    rm -f "$STATE_DIR/haproxy.pem"
    (umask 077 && cat "$TLS_CERT" "$TLS_KEY" >"$STATE_DIR/haproxy.pem")
    tls_bind="    bind 127.0.0.1:$FRONT_TLS_PORT ssl crt $STATE_DIR/haproxy.pem alpn h2,http/1.1"
  fi
  awk -v servers="${servers%$'\n'}" -v tls_bind="$tls_bind" -v front="$FRONT_PORT" -v stats="$STATS_PORT" '
    $0 == "@SERVERS@" { print servers; next }
    $0 == "@TLS_BIND@" { if (tls_bind != "") print tls_bind; next }
    { gsub(/@FRONT_PORT@/, front); gsub(/@STATS_PORT@/, stats); print }' "$here/haproxy.cfg" >"$STATE_DIR/haproxy.cfg"
}

start() {
  local n=${1:-3}
  [[ $n =~ ^[1-9][0-9]?$ ]] || die "N must be a number from 1 to 99, not '$n'"
  [[ -x $IMAGE ]] || die "no server image at $IMAGE (build it: ./mvnw -B package -DskipTests)"
  command -v haproxy >/dev/null || die "haproxy is not installed (apt-get install haproxy)"
  [[ -z $TLS_CERT && -z $TLS_KEY || -r $TLS_CERT && -r $TLS_KEY ]] || die "TLS_CERT and TLS_KEY go together"
  mkdir -p "$STATE_DIR" "$UPLOADS"
  chmod 700 "$STATE_DIR"
  ! alive "$STATE_DIR/haproxy.pid" || die "a cluster already runs from $STATE_DIR (cluster.sh stop first)"
  echo "$n" >"$STATE_DIR/instances"
  # A start that fails half-way stops what it started.
  trap 'stop >/dev/null' EXIT
  local i
  for ((i = 1; i <= n; i++)); do
    start_instance "$i"
    echo "instance $i: pid $(cat "$STATE_DIR/instance-$i.pid"), http://127.0.0.1:$(port_of "$i")/, admin $(admin_of "$i")"
  done
  haproxy_config "$n"
  haproxy -c -q -f "$STATE_DIR/haproxy.cfg" || die "haproxy rejects $STATE_DIR/haproxy.cfg"
  haproxy -db -f "$STATE_DIR/haproxy.cfg" >>"$STATE_DIR/haproxy.log" 2>&1 &
  echo $! >"$STATE_DIR/haproxy.pid"
  for ((i = 1; i <= n; i++)); do
    await "$START_TIMEOUT" in_rotation "$i" || die "HAProxy does not list instance $i UP within ${START_TIMEOUT}s"
  done
  trap - EXIT
  echo "haproxy: pid $(cat "$STATE_DIR/haproxy.pid"), http://127.0.0.1:$FRONT_PORT/${TLS_CERT:+ and https://127.0.0.1:$FRONT_TLS_PORT/}"
}

status() {
  local n i code=0
  n=$(count)
  for ((i = 1; i <= n; i++)); do
    if alive "$STATE_DIR/instance-$i.pid"; then
      echo "instance $i: pid $(cat "$STATE_DIR/instance-$i.pid"), port $(port_of "$i"), haproxy: $(haproxy_status "$i")"
    else
      echo "instance $i: not running"; code=3
    fi
  done
  if alive "$STATE_DIR/haproxy.pid"; then
    echo "haproxy: pid $(cat "$STATE_DIR/haproxy.pid"), port $FRONT_PORT"
  else
    echo "haproxy: not running"; code=3
  fi
  return $code
}

rolling_restart() {
  local n i j
  n=$(count)
  alive "$STATE_DIR/haproxy.pid" || die "haproxy is not running"
  for ((i = 1; i <= n; i++)); do
    # Never take one down while another is out of rotation.
    for ((j = 1; j <= n; j++)); do
      await "$START_TIMEOUT" in_rotation "$j" || die "instance $j is not UP in HAProxy: not restarting instance $i"
    done
    echo "instance $i: stopping pid $(cat "$STATE_DIR/instance-$i.pid")"
    stop_pid "$STATE_DIR/instance-$i.pid"
    start_instance "$i"
    await "$START_TIMEOUT" in_rotation "$i" || die "HAProxy does not list instance $i UP again within ${START_TIMEOUT}s"
    echo "instance $i: back, pid $(cat "$STATE_DIR/instance-$i.pid")"
  done
}

revive() {
  local n i
  n=$(count)
  for ((i = 1; i <= n; i++)); do
    if ! alive "$STATE_DIR/instance-$i.pid"; then
      start_instance "$i"
      echo "instance $i: started, pid $(cat "$STATE_DIR/instance-$i.pid")"
    fi
  done
}

stop() {
  local n i
  n=$(count)
  stop_pid "$STATE_DIR/haproxy.pid"
  for ((i = 1; i <= n; i++)); do
    stop_pid "$STATE_DIR/instance-$i.pid"
  done
  rm -f "$STATE_DIR/haproxy.pem" "$STATE_DIR/instances"
  echo "stopped"
}

case ${1:-} in
  start) start "${2:-3}" ;;
  status) status ;;
  rolling-restart) rolling_restart ;;
  revive) revive ;;
  stop) stop ;;
  *) echo "usage: cluster.sh start [N] | status | rolling-restart | revive | stop" >&2; exit 2 ;;
esac
