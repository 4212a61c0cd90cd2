#!/usr/bin/env bash
# The README's test command: set up what is missing, then unit + integration tests on SQLite and the same on
# PostgreSQL (vitest.config.ts: the files that reach the database), then the end-to-end journeys in
# Chromium. Fails if any part fails or skips a test.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-test.sh || exit 1

reports=$(mktemp -d)
status=0

# Both databases at once: a run waits on the database, ffmpeg and child processes about a third of its time, so two
# side by side take less than one after the other. Each writes its own log, printed when both are done.
run_vitest() {
  local dialect=$1
  TEST_DATABASE=$dialect npx vitest run --reporter=default --reporter=json --outputFile="$reports/$dialect.json" \
    >"$reports/$dialect.log" 2>&1
  echo $? >"$reports/$dialect.rc"
}

echo "== vitest on SQLite and on PostgreSQL, side by side"
run_vitest sqlite &
run_vitest postgres &
wait
for dialect in sqlite postgres; do
  echo "== vitest on $dialect"
  cat "$reports/$dialect.log"
  [ "$(cat "$reports/$dialect.rc")" = 0 ] || status=1
done

echo "== end-to-end (Chromium, fake camera)"
npx tsx e2e/run.ts | tee "$reports/e2e.txt" || status=1

node - "$reports" <<'JS' || status=1
const fs = require('node:fs');
const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;
for (const name of ['sqlite', 'postgres']) {
  const file = `${dir}/${name}.json`;
  if (!fs.existsSync(file)) { console.error(`no report from vitest on ${name}`); failed++; continue; }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
  if (r.numTotalTests === 0) { console.error(`vitest on ${name} ran no test`); failed++; }
}
const e2e = /e2e: (\d+) passed, (\d+) failed/.exec(fs.readFileSync(`${dir}/e2e.txt`, 'utf8'));
if (!e2e) { console.error('the e2e run printed no result'); failed++; } else { passed += +e2e[1]; failed += +e2e[2]; }
if (skipped > 0) console.error(`${skipped} tests were skipped: a skipped test counts as a failure here`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
JS
rm -rf "$reports"
exit $status
