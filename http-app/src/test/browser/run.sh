#!/usr/bin/env bash
# Browser tests of the site in resources/: headless Chromium (Debian's /usr/bin/chromium, driven
# by playwright-core from npm) against the runtime image, with the default download policy, with
# --downloads '', with --redirect-http --hsts 60, and with --list-directories (site.test.mjs); with
# --security-headers --cache-control static, and for a cross-origin upload a page server and two
# upload servers, one with --cors naming the page server's origin and one without
# (headers.test.mjs). Every server listens on both HTTP and HTTPS (a throwaway ECDSA P-256
# certificate made here with openssl for 127.0.0.1 and localhost), and each gets a fresh copy of
# resources/ as its document root.
# Exits non-zero on any failure; the output ends with the node test runner's summary.
#
#   IMAGE          runtime image to test (default http-app/target/image)
#   CHROMIUM       browser executable (default /usr/bin/chromium, installed with apt-get if missing)
#   TEST_TIMEOUT   seconds allowed for the whole test run (default 180)
#
# Work files (node_modules, document roots, server logs, the certificate and its key) go to
# http-app/target/browser, screenshots to http-app/target/screenshots.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
project=$(cd "$module/.." && pwd)
image=${IMAGE:-$module/target/image}
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$module/target/browser
shots=$module/target/screenshots

[[ -x $image/bin/http-server ]] || { echo "no runtime image at $image (run ./mvnw package first)" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is needed (for the test certificate)" >&2; exit 1; }

if [[ ! -x $chromium ]]; then
  echo "installing chromium"
  sudo=""
  (( EUID == 0 )) || sudo=sudo
  timeout 120 $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq chromium >/dev/null
  [[ -x $chromium ]] || { echo "chromium is not at $chromium after installing" >&2; exit 1; }
fi

# The tests run from the build output, so node_modules never lands in the source tree.
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here/site.test.mjs" "$here/headers.test.mjs" "$work/"
(cd "$work" && timeout 180 npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# A fresh self-signed certificate for every run: ECDSA P-256, a leaf for 127.0.0.1 and localhost,
# valid for two days. The key is PKCS#8 PEM, as openssl writes it.
cert=$work/tls-cert.pem
key=$work/tls-key.pem
rm -f "$cert" "$key"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -sha256 -nodes -days 2 \
  -keyout "$key" -out "$cert" -subj "/CN=localhost" \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth" 2>"$work/openssl.log" ||
  { cat "$work/openssl.log" >&2; echo "openssl could not make the test certificate" >&2; exit 1; }
chmod 600 "$key"

pids=()
stop_servers() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT

# start_server NAME [ARGS...]: fresh document root, free loopback ports for HTTP and HTTPS;
# sets url, https_url, root, log.
start_server() {
  local name=$1; shift
  root=$work/root-$name
  log=$work/server-$name.log
  rm -rf "$root"
  # Timestamps kept: a precompressed variant is served only while it is not older than its page.
  cp -r --preserve=timestamps "$project/resources" "$root"
  find "$root/uploads" -mindepth 1 ! -name .gitkeep -delete
  "$image/bin/http-server" --port 0 --host 127.0.0.1 --root "$root" \
    --https-port 0 --tls-cert "$cert" --tls-key "$key" "$@" >"$log" 2>&1 &
  pids+=($!)
  local port="" tls_port="" _
  for _ in $(seq 1 100); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -n 1)
    tls_port=$(sed -n 's|.*listening on https://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log" | head -n 1)
    [[ -n $port && -n $tls_port ]] && break
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n $port && -n $tls_port ]] || { cat "$log" >&2; echo "server '$name' did not start both listeners" >&2; exit 1; }
  url=http://127.0.0.1:$port/
  https_url=https://127.0.0.1:$tls_port/
}

start_server site
export SITE_URL=$url SITE_HTTPS_URL=$https_url SITE_ROOT=$root SITE_LOG=$log
start_server inline --downloads ''
export INLINE_URL=$url INLINE_HTTPS_URL=$https_url INLINE_ROOT=$root INLINE_LOG=$log
start_server redirect --redirect-http --hsts 60
export REDIRECT_URL=$url REDIRECT_HTTPS_URL=$https_url REDIRECT_ROOT=$root REDIRECT_LOG=$log
start_server listing --list-directories
# Awkward names in the listed folder (media/ has no index.html); read at each request, so made after the start.
printf 'x' >"$root/media/fish & chips <b>.txt"
printf 'x' >"$root/media/café 日本.txt"
printf 'x' >"$root/media/.hidden"
export LISTING_URL=$url LISTING_HTTPS_URL=$https_url LISTING_ROOT=$root LISTING_LOG=$log
start_server secure --security-headers --cache-control static
export SECURE_URL=$url SECURE_HTTPS_URL=$https_url SECURE_ROOT=$root SECURE_LOG=$log
# The page whose script uploads to another origin, then the servers it uploads to.
start_server cors-page
cp "$here/cors/cors.html" "$here/cors/cors.js" "$root/"
export CORS_PAGE_URL=$url CORS_PAGE_ROOT=$root
start_server cors-allowed --cors "${CORS_PAGE_URL%/}"
export CORS_ALLOWED_URL=$url CORS_ALLOWED_ROOT=$root CORS_ALLOWED_LOG=$log
start_server cors-none
export CORS_NONE_URL=$url CORS_NONE_ROOT=$root CORS_NONE_LOG=$log
export TLS_CERT=$cert SCREENSHOT_DIR=$shots CHROMIUM=$chromium

rm -rf "$shots"
status=0
(cd "$work" && timeout "${TEST_TIMEOUT:-180}" node --test --test-reporter=spec site.test.mjs headers.test.mjs) || status=$?

# Stop every server by pid: each must exit 0 on SIGTERM within its grace period.
trap - EXIT
stop_servers
for pid in "${pids[@]}"; do
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "server $pid did not stop within 15 s of SIGTERM" >&2; status=1
  fi
  wait "$pid" || { code=$?; echo "server $pid exited with $code after SIGTERM" >&2; status=1; }
done
if (( status == 124 )); then echo "browser tests timed out" >&2; fi
exit "$status"
