#!/usr/bin/env bash
# Installs what the tests need and a clean Debian machine lacks: Chromium (e2e), ffmpeg (media), espeak-ng (spoken
# guidance), poppler-utils (pdftotext, pdfinfo and pdftoppm read the printed receipt in e2e), and checks that
# PostgreSQL answers on 127.0.0.1:5432 (the integration tests run on it as well as on SQLite).
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian's packages"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
fi

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

pg_url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if ! node -e "const c=new (require('pg').Client)(process.argv[1]);c.connect().then(()=>c.end()).catch(e=>{console.error(e.message);process.exit(1)})" "$pg_url"; then
  echo "setup: PostgreSQL is not reachable at $pg_url; start it (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL" >&2
  exit 1
fi
echo "setup: chromium, ffmpeg, espeak-ng, poppler-utils and PostgreSQL are ready"
