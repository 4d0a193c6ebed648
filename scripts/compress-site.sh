#!/usr/bin/env bash
# Writes the precompressed variants of the site's pages, styles and scripts: for every .html,
# .css and .js file under the document root (default resources/, the upload folder excluded),
# F.br (brotli -q 11), F.gz (gzip -9, no name or time stored, so the bytes are reproducible)
# and, when zstd is installed, F.zst (zstd -19). Each variant gets its source's modification
# time, so the server takes it as fresh (not older than F). Run it after editing a page; the
# test SiteVariantsTest fails while a committed variant does not decode to its source.
#
#   scripts/compress-site.sh [ROOT]
#
# Needs Debian's brotli and gzip; zstd is optional.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-resources}

command -v brotli >/dev/null || { echo "brotli is needed (apt-get install brotli)" >&2; exit 1; }
command -v gzip >/dev/null || { echo "gzip is needed" >&2; exit 1; }
have_zstd=false
command -v zstd >/dev/null && have_zstd=true

count=0
while IFS= read -r -d '' file; do
  brotli -q 11 -f -o "$file.br" -- "$file"
  gzip -9 -n -c -- "$file" >"$file.gz"
  if $have_zstd; then
    zstd -19 -q -f -o "$file.zst" -- "$file"
  fi
  touch -r "$file" -- "$file.br" "$file.gz"
  zst=""
  if $have_zstd; then
    touch -r "$file" -- "$file.zst"
    zst=$(printf '  zst %6d' "$(stat -c %s -- "$file.zst")")
  fi
  printf '%-28s %7d  br %6d  gz %6d%s\n' "${file#"$root"/}" "$(stat -c %s -- "$file")" \
    "$(stat -c %s -- "$file.br")" "$(stat -c %s -- "$file.gz")" "$zst"
  count=$((count + 1))
done < <(find "$root" -path "$root/uploads" -prune -o -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' \) -print0 | sort -z)
echo "$count files compressed"
