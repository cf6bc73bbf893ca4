#!/usr/bin/env bash
# Benchmarks: builds the jar, measures it, prints one table and writes bench/results/<time>.json.
#   bench/run.sh [--quick]      (--quick, under 2 minutes: 1,000 waiting clients instead of 10,000, fewer runs)
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/find-jdk.sh
JAVA_HOME=$(find_jdk) || { echo "bench needs a JDK 21+" >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
quick=0; [ "${1:-}" = "--quick" ] && quick=1
clients=10000; [ $quick = 1 ] && clients=1000
ulimit -n 65536 2>/dev/null || true

[ -f target/aistudio-proxy.jar ] || mvn -B -q -DskipTests package
jar=target/aistudio-proxy.jar
jar_bytes=$(stat -c %s "$jar")
JVM_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

# 1. Startup to listening (no browser: the page opens in the background) and idle RSS.
port=$((20000 + RANDOM % 20000))
start=$(date +%s%N)
(cd "$work" && exec java "${JVM_OPTS[@]}" -jar "$OLDPWD/$jar" --simulator --port $port --stream-port 0 --key-file none --log-level WARNING > "$work/app.log" 2>&1) &
app=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.01; done
listen_ms=$(( ($(date +%s%N) - start) / 1000000 ))
until curl -s "http://127.0.0.1:$port/health" | grep -q '"status":"ok"'; do sleep 0.05; done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -s -o /dev/null "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"gemini-2.5-pro","messages":[{"role":"user","content":"warm up"}]}'
sleep 3
app_pid=$(pgrep -f "port $port" | head -1)
idle_rss=$(rss_kb "$app_pid")
# Page-tier round trip for a short answer, measured by the client.
t0=$(date +%s%N)
curl -s -o /dev/null "http://127.0.0.1:$port/v1/chat/completions" -H 'Content-Type: application/json' \
  -d '{"model":"gemini-2.5-pro","messages":[{"role":"user","content":"[[sim:no-think]] [[sim:say short answer]]"}]}'
page_short_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
peak_rss=$(hwm_kb "$app_pid")
kill "$app_pid"; wait "$app" 2>/dev/null || true

# 2. N streaming clients waiting at once.
java "${JVM_OPTS[@]}" -Xmx768m -cp "$jar" bench/java/WaitingClientsBench.java server $clients > "$work/server.out" 2>"$work/server.err" &
srv=$!
until grep -q PORT "$work/server.out" 2>/dev/null; do
  kill -0 $srv 2>/dev/null || { echo "the waiting-clients server failed:" >&2; cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
sport=$(awk '/PORT/ {print $2}' "$work/server.out")
side=$(awk '/PORT/ {print $3}' "$work/server.out")
srv_pid=$(pgrep -f "WaitingClientsBench.java server" | head -1)
waiting=$(java -cp "$jar" bench/java/WaitingClientsBench.java client "$sport" "$side" $clients)
srv_rss=$(hwm_kb "$srv_pid")
kill "$srv_pid" 2>/dev/null || true

# 3. The pipeline per tier, against the physical floor (the simulator answering a direct client).
runs=20; words=300; [ $quick = 1 ] && { runs=3; words=80; }
pipeline=$(java -XX:+UseSerialGC -cp "$jar" bench/java/PipelineBench.java $runs $words 2>"$work/pipeline.err")
sed -n '/^pipeline/,$p' "$work/pipeline.err" > "$work/pipeline.table"

# 4. On a server just started: the first request against the tenth, and 10 KB / 100 KB / 1 MB prompts.
prompts=$(java -XX:+UseSerialGC -cp "$jar" bench/java/PipelineBench.java prompts $runs 2>"$work/prompts.err")
sed -n '/^warm start/,$p' "$work/prompts.err" > "$work/prompts.table"

# 5. Memory with 1, 2 and 3 accounts (several logins, each its own browser).
accounts=$(bench/accounts.sh "$jar")

mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).json"
cat > "$out" <<JSON
{"quick":$quick,"jar_bytes":$jar_bytes,"startup_to_listening_ms":$listen_ms,"startup_to_browser_ready_ms":$ready_ms,
 "main_idle_rss_kb":$idle_rss,"main_peak_rss_kb":$peak_rss,"page_tier_short_answer_ms":$page_short_ms,
 "waiting_clients":$waiting,"waiting_server_peak_rss_kb":$srv_rss,"pipeline":$pipeline,"prompts":$prompts,"accounts":$accounts}
JSON

heap_wait=$(echo "$waiting" | sed -E 's/.*"server_while_waiting":\{"heap_used_after_gc":([0-9]+).*/\1/')
heap_after=$(echo "$waiting" | sed -E 's/.*"server_after":\{"heap_used_after_gc":([0-9]+).*/\1/')
served=$(echo "$waiting" | sed -E 's/.*"served":([0-9]+).*/\1/')
keep=$(echo "$waiting" | sed -E 's/.*"with_keepalive":([0-9]+).*/\1/')
printf '\n%-48s %14s %14s\n' "measure" "value" "target"
printf '%-48s %14s %14s\n' "jar size (MB)" "$(awk "BEGIN{printf \"%.1f\", $jar_bytes/1048576}")" "<= 60"
printf '%-48s %14s %14s\n' "startup to listening (ms)" "$listen_ms" "<= 1000"
printf '%-48s %14s %14s\n' "startup to browser ready (ms)" "$ready_ms" "-"
printf '%-48s %14s %14s\n' "main JVM idle RSS, page ready (MB)" "$((idle_rss/1024))" "<= 128"
printf '%-48s %14s %14s\n' "main JVM peak RSS (MB)" "$((peak_rss/1024))" "-"
printf '%-48s %14s %14s\n' "page tier, short answer, client round trip (ms)" "$page_short_ms" "-"
printf '%-48s %14s %14s\n' "waiting clients served / with keep-alives" "$served/$keep" "$clients/$clients"
printf '%-48s %14s %14s\n' "heap while $clients wait, after GC (MB)" "$((heap_wait/1048576))" "<= 256 (spec)"
printf '%-48s %14s %14s\n' "heap after they are served, after GC (MB)" "$((heap_after/1048576))" "<= 256"
printf '%-48s %14s %14s\n' "server RSS peak with $clients clients (MB)" "$((srv_rss/1024))" "-"
cat "$work/pipeline.table"
cat "$work/prompts.table"
for n in 1 2 3; do
  a=$(echo "$accounts" | sed -E "s/.*\"$n\":\{\"main_rss_kb\":([0-9]+),\"browsers_rss_kb\":([0-9]+),\"browsers_pss_kb\":([0-9]+).*/\1 \2 \3/")
  set -- $a
  printf '%-48s %14s %14s\n' "$n account(s): main JVM RSS / browsers RSS, PSS (MB)" "$(($1/1024)) / $(($2/1024)), $(($3/1024))" "-"
done
echo; echo "written: $out"
