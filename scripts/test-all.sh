#!/usr/bin/env bash
# Every test: vitest (unit + real runtime) and Playwright (real Chromium). Installs what it needs:
# node_modules (npm ci) when missing, Debian's Chromium when missing. Ends with one line
# "N passed, N failed" over both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export COPILOTKIT_TELEMETRY_DISABLED=true DO_NOT_TRACK=1

if [ ! -d node_modules ] || [ ! -x node_modules/.bin/vitest ]; then
  npm ci --no-audit --no-fund || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium (needs root)…"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
fi

mkdir -p reports
rm -f reports/vitest.json reports/playwright.json
status=0
npm run build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
npx tsc --noEmit -p tsconfig.json || status=1
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1
npx playwright test || status=1
node scripts/count-tests.mjs reports/vitest.json reports/playwright.json || status=1
exit $status
