#!/usr/bin/env bash
# The one command that runs every test. On a fresh Debian 12 machine with the .NET 10 SDK it
# installs what is missing (Chromium, PostgreSQL, the aiosmtpd SMTP sink, Node for the OpenAPI linter), starts a throwaway
# PostgreSQL on 127.0.0.1, runs the unit, integration (SQLite and PostgreSQL) and browser tests,
# lints the OpenAPI document, stops what it started, and prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS" "$ROOT/artifacts/screenshots"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 SCARF_ANALYTICS=false

log() { printf '\n== %s\n' "$*"; }

# --- 1. System packages --------------------------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# The README's API examples are run as written: curl, and jq to keep the ids they create.
command -v jq >/dev/null 2>&1 || missing+=(jq)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# PDF and calendar checks: poppler reads the generated PDFs, libical (through Python) the .ics files.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
/usr/bin/python3 -c 'import gi; gi.require_version("ICalGLib", "3.0")' >/dev/null 2>&1 || missing+=(python3-gi gir1.2-ical-3.0)
# E-mail tests deliver to a real SMTP server: aiosmtpd, started by the tests themselves.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. OpenAPI linter (npm, cached in .cache/) -----------------------------------------------------
SPECTRAL="$ROOT/.cache/spectral/node_modules/.bin/spectral"
if [ ! -x "$SPECTRAL" ]; then
  log "Installing the spectral OpenAPI linter"
  mkdir -p "$ROOT/.cache/spectral"
  (cd "$ROOT/.cache/spectral" && npm install --silent --no-audit --no-fund @stoplight/spectral-cli@6 >/dev/null 2>&1) \
    || echo "warning: could not install spectral"
fi

# --- 3. PostgreSQL ---------------------------------------------------------------------------------
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export MUTUALPLAN_PG_PORT="$(free_port)"
export MUTUALPLAN_PG_DIR="$(mktemp -d /tmp/mutualplan-pg.XXXXXX)"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null
  "$ROOT/scripts/pg-test-server.sh" stop
  rm -rf "$MUTUALPLAN_PG_DIR"
}
trap cleanup EXIT
log "Starting PostgreSQL on 127.0.0.1:$MUTUALPLAN_PG_PORT"
export MUTUALPLAN_TEST_PG="$("$ROOT/scripts/pg-test-server.sh" start)" || { echo "PostgreSQL did not start"; exit 1; }

# --- 4. Build once ---------------------------------------------------------------------------------
log "Building"
dotnet build MutualPlan.slnx -c Release -warnaserror 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "Build failed"; echo "0 passed, 1 failed"; exit 1; }

# --- 5. Tests --------------------------------------------------------------------------------------
status=0
for project in tests/MutualPlan.Tests tests/MutualPlan.BrowserTests; do
  name="$(basename "$project")"
  log "Running $name"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" --results-directory "$RESULTS" || status=1
done

# --- 6. OpenAPI lint: the document the running app serves must have no spectral errors ----------
lint_passed=0; lint_failed=0
log "Linting /openapi/v1.json"
APP_DIR="$(mktemp -d)"
APP_PORT="$(free_port)"
Database__ConnectionString="Data Source=$APP_DIR/lint.db" ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
  dotnet src/MutualPlan.Web/bin/Release/net10.0/MutualPlan.Web.dll >"$APP_DIR/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$APP_PORT/healthz" >/dev/null && break; sleep 0.5; done
if curl -sf "http://127.0.0.1:$APP_PORT/openapi/v1.json" -o "$RESULTS/openapi.json" && [ -x "$SPECTRAL" ] \
   && "$SPECTRAL" lint --ruleset "$ROOT/.spectral.yaml" --fail-severity error "$RESULTS/openapi.json"; then
  lint_passed=1
else
  lint_failed=1; status=1
  echo "OpenAPI lint failed (see above)"
fi
kill "$APP_PID" 2>/dev/null; APP_PID=""

# --- 7. Summary ------------------------------------------------------------------------------------
read -r passed failed skipped < <(/usr/bin/python3 - "$RESULTS" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
passed=$((passed + lint_passed)); failed=$((failed + lint_failed))
[ "$failed" -gt 0 ] && status=1
[ "$passed" -eq 0 ] && status=1
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
