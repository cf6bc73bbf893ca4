#!/usr/bin/env bash
# Memory with 1, 2 and 3 accounts (simulator mode, tier 1 off so the main JVM stands alone):
# the main JVM's RSS once every account's page is ready and has answered one request, and apart
# from it the processes it started (Playwright's drivers and the browsers): their RSS summed (which
# counts shared pages once per process) and their PSS summed (which counts them once).
#   bench/accounts.sh [jar]       prints one JSON object: {"1":{"main_rss_kb","browsers_rss_kb","browsers_pss_kb","processes"},…}
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "bench needs a JDK 21+" >&2; exit 1; }
export PATH="$JAVA_HOME/bin:$PATH" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
jar=$(realpath "${1:-target/aistudio-proxy.jar}")
[ -f "$jar" ] || mvn -B -q -DskipTests package
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Proportional set size: pages shared between the browser's processes count once in all, not once each.
pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }

printf '{'
sep=""
for n in 1 2 3; do
  port=$((20000 + RANDOM % 20000))
  (cd "$work" && exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -jar "$jar" --simulator --simulator-accounts $n \
     --port $port --stream-port 0 --key-file none --data-dir "$work/data-$n" --log-level WARNING > "$work/app-$n.log" 2>&1) &
  app=$!
  until curl -s "http://127.0.0.1:$port/v1/accounts" 2>/dev/null | grep -q '"state"'; do sleep 0.1; done
  until [ "$(curl -s "http://127.0.0.1:$port/v1/accounts" | grep -o '"state":"ready"' | wc -l)" = "$n" ]; do sleep 0.2; done
  for i in $(seq 1 $n); do
    curl -s -o /dev/null "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
      -d "{\"model\":\"gemini-2.5-pro\",\"messages\":[{\"role\":\"user\",\"content\":\"[[sim:no-think]] warm $i\"}]}" &
  done
  wait $(jobs -p | grep -v "^$app$") 2>/dev/null || true
  sleep 3
  pid=$(pgrep -f "port $port" | head -1)
  main=$(rss_kb "$pid")
  others=0; shared=0; count=0
  for d in $(descendants "$pid"); do
    others=$((others + $(rss_kb "$d"))); shared=$((shared + $(pss_kb "$d"))); count=$((count + 1))
  done
  printf '%s"%d":{"main_rss_kb":%d,"browsers_rss_kb":%d,"browsers_pss_kb":%d,"processes":%d}' "$sep" "$n" "$main" "$others" "$shared" "$count"
  sep=","
  kill "$pid"; wait "$app" 2>/dev/null || true
done
printf '}\n'
