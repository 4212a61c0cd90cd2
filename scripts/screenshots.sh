#!/usr/bin/env bash
# Refreshes docs/screenshots: runs the end-to-end journeys with screenshots on (every screen axe checks, in kk, ru
# and en, plus the printed receipt), then scales each picture to half size with ffmpeg to keep the repository small.
set -euo pipefail
cd "$(dirname "$0")/.."

shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT
E2E_SCREENSHOTS="$shots" npx tsx e2e/run.ts | grep -E '^(ok|FAIL|e2e:)'
mkdir -p docs/screenshots
rm -f docs/screenshots/*.png
for file in "$shots"/*.png; do
  ffmpeg -v error -y -i "$file" -vf 'scale=iw/2:-1,split[a][b];[a]palettegen=max_colors=128[p];[b][p]paletteuse=dither=none' "docs/screenshots/$(basename "$file")"
done
echo "screenshots: $(ls docs/screenshots/*.png | wc -l) pictures in docs/screenshots"
