#!/usr/bin/env bash
# Runs Debian's slowhttptest against the jlink image on loopback, in its slow headers (-H),
# slow body (-B) and slow read (-X) modes, each for a bounded time, and prints slowhttptest's
# own verdict for each: whether the service was still available at the end of the attack.
# Installs slowhttptest with apt-get when it is missing (needs root). Not part of CI.
#
#   bench/slowhttptest.sh               CONNECTIONS=1000 SECONDS_PER_MODE=40 by default
set -euo pipefail
cd "$(dirname "$0")/.."

connections=${CONNECTIONS:-1000}
seconds=${SECONDS_PER_MODE:-40}
image=http-app/target/image

if ! command -v slowhttptest >/dev/null; then
  apt-get update -qq && apt-get install -y -qq slowhttptest >/dev/null
fi
if [[ ! -x $image/bin/http-server ]]; then
  ./mvnw -B -q package -DskipTests
fi

work=$(mktemp -d)
server_pid=""
stop_server() {
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_server EXIT

cp -r resources "$work/root"
"$image/bin/http-server" --port 0 --host 127.0.0.1 --root "$work/root" >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/server.log" | head -n 1)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { cat "$work/server.log"; echo "the image did not start"; exit 1; }
base="http://127.0.0.1:$port"
echo "http-server image pid $server_pid on $base; $connections connections, ${seconds}s per mode"

run_mode() { # name, slowhttptest arguments...
  local name=$1; shift
  local out="$work/$name.txt"
  timeout $((seconds + 60)) slowhttptest "$@" -c "$connections" -r 200 -l "$seconds" >"$out" 2>&1 || true
  local clean verdict pending connected closed
  clean=$(sed 's/\x1b\[[0-9;]*m//g' "$out")
  verdict=$(grep -o 'service available:[^|]*' <<<"$clean" | tail -n 1 | tr -s ' ' || true)
  pending=$(grep -o 'pending connections:[^|]*' <<<"$clean" | tail -n 1 | tr -s ' ' || true)
  connected=$(grep -o 'connected:[^|]*' <<<"$clean" | tail -n 1 | tr -s ' ' || true)
  closed=$(grep -o 'closed:[^|]*' <<<"$clean" | tail -n 1 | tr -s ' ' || true)
  local exit_status
  exit_status=$(grep -o 'Exit status:.*' <<<"$clean" | tail -n 1 || true)
  printf '%-13s %s; at the end %s, %s, %s; %s\n' "$name" "${verdict:-no verdict}" "$connected" "$pending" "$closed" "${exit_status:-}"
}

run_mode "slow headers" -H -i 5 -s 8192 -t GET -u "$base/index.html" -x 24 -p 3
run_mode "slow body" -B -i 5 -s 8192 -t POST -f application/json -u "$base/upload" -x 10 -p 3
run_mode "slow read" -X -w 512 -y 1024 -n 5 -z 32 -k 3 -u "$base/gallery.jpg" -p 3

kill -0 "$server_pid" 2>/dev/null && echo "server still running after all modes: yes" || { echo "server died"; exit 1; }
