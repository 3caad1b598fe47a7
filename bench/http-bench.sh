#!/usr/bin/env bash
# HTTP benchmark: the plan page (HTML) and the plan JSON against a trivial endpoint of the same
# app, measured in one run on 127.0.0.1 with wrk, reported as ratios. See bench/README.md.
#   bench/http-bench.sh [duration=10s] [connections=16]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DURATION="${1:-10s}"
CONNECTIONS="${2:-16}"
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }

echo "Building (Release)…"
dotnet build src/MutualPlan.Web -c Release -nologo -v q >/dev/null
DLL="$ROOT/src/MutualPlan.Web/bin/Release/net10.0/MutualPlan.Web.dll"
WORK="$(mktemp -d)"
PORT="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
export Database__ConnectionString="Data Source=$WORK/bench.db" Logging__LogLevel__Default=Warning
EMAIL=bench@example.com PASSWORD="bench password 123"

dotnet "$DLL" seed-demo --email "$EMAIL" --password "$PASSWORD" >/dev/null
TOKEN="$(dotnet "$DLL" tokens create --email "$EMAIL" --name bench | tail -n 1)"
(cd src/MutualPlan.Web && exec dotnet "$DLL" --urls "$BASE") >"$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

PLAN="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/plans" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
# Log in through the real form to get a session cookie for the HTML page.
JAR="$WORK/cookies"
AF="$(curl -sf -c "$JAR" "$BASE/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
curl -sf -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "email=$EMAIL" --data-urlencode "password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$AF" "$BASE/login"
COOKIE="$(awk '$6=="mp.session"{print "mp.session=" $7}' "$JAR")"
[ -n "$COOKIE" ] || { echo "login failed"; exit 1; }
STATUS="$(curl -s -o "$WORK/page.html" -w "%{http_code}" -H "Cookie: $COOKIE" "$BASE/plans/$PLAN")"
grep -q "Northwind" "$WORK/page.html" || { echo "plan page did not render (HTTP $STATUS, cookie ${COOKIE:0:20}…)"; tail -20 "$WORK/app.log"; exit 1; }

run() { # name, then wrk arguments
  local name="$1"; shift
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/report.lua "$@" | grep '^RESULT' | sed "s/^RESULT/$name/"
}
echo "Warming up…"
wrk -t1 -c4 -d3s "$BASE/healthz" >/dev/null
wrk -t1 -c4 -d3s -H "Cookie: $COOKIE" "$BASE/plans/$PLAN" >/dev/null
wrk -t1 -c4 -d3s -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/plans/$PLAN" >/dev/null

echo "Measuring ($DURATION each, $CONNECTIONS connections, 2 threads, 127.0.0.1)…"
TRIVIAL="$(run healthz "$BASE/healthz")"
PAGE="$(run plan_page_html -H "Cookie: $COOKIE" "$BASE/plans/$PLAN")"
JSON="$(run plan_json -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/plans/$PLAN")"
/usr/bin/python3 - "$TRIVIAL" "$PAGE" "$JSON" <<'PY'
import sys
rows = []
for line in sys.argv[1:]:
    name, *kv = line.split()
    d = dict(x.split("=") for x in kv)
    rows.append((name, float(d["rps"]), float(d["p50_ms"]), float(d["p99_ms"]), int(d["errors"])))
base = rows[0][1]
print(f"{'endpoint':<16}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'vs healthz':>12}")
for name, rps, p50, p99, err in rows:
    print(f"{name:<16}{rps:>10.0f}{p50:>10.2f}{p99:>10.2f}{err:>8}{rps / base:>11.1%}")
PY
