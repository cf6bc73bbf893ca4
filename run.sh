#!/usr/bin/env bash
# Runs aistudio-proxy: finds a JDK 21+, builds the jar if it is missing or older than the
# sources, and passes every argument through (try: ./run.sh --simulator, ./run.sh --help).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/aistudio-proxy.jar"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    candidates+=("$d/bin/java")
  done
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    local v; v=$(java_major "$j" 2>/dev/null || echo 0)
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  return 1
}

JAVA=$(find_java) || { echo "aistudio-proxy needs Java 21 or newer; install one (e.g. apt-get install openjdk-21-jre) or set JAVA_HOME." >&2; exit 1; }

stale=0
if [ ! -f "$jar" ]; then stale=1
elif [ -d "$here/src" ] && [ -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then stale=1; fi
if [ "$stale" = 1 ]; then
  command -v mvn >/dev/null 2>&1 || { echo "Building needs Maven (apt-get install maven)." >&2; exit 1; }
  echo "Building $jar ..." >&2
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")" mvn -B -q -f "$here/pom.xml" -DskipTests package >&2
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD="${PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD:-1}"
JVM_OPTS=(-Xmx"${HEAP_MAX:-512m}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)

# A browser before the server starts: the jar's own search (BROWSER_EXECUTABLE_PATH, a system
# Chromium/Chrome/Edge, else Playwright's Chromium, downloaded once); failing that, as root on
# Debian or Ubuntu, the distribution's Chromium. Commands that launch no browser skip this.
needs_browser=1
for a in "$@"; do
  case "$a" in --help|-h|--version|--page|simulator|stream-proxy|browser) needs_browser=0 ;; esac
done
if [ "$needs_browser" = 1 ]; then
  set +e
  "$JAVA" "${JVM_OPTS[@]}" -jar "$jar" browser "$@" >&2
  found=$?
  set -e
  if [ "$found" = 3 ] && [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
    echo "No browser could be found or downloaded; installing Debian's Chromium: apt-get install -y chromium" >&2
    { apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; } >&2
    set +e
    "$JAVA" "${JVM_OPTS[@]}" -jar "$jar" browser "$@" >&2
    found=$?
    set -e
  fi
  if [ "$found" = 3 ]; then
    echo "aistudio-proxy cannot start without a browser: run 'apt-get install chromium' (Debian/Ubuntu, as root), or install Chrome, or set BROWSER_EXECUTABLE_PATH." >&2
    exit 1
  elif [ "$found" != 0 ]; then
    exit "$found"
  fi
fi
# The heap is capped (a hostile or runaway request fails alone, the host keeps its memory):
# HEAP_MAX=1g ./run.sh … for more; java -jar users pass -Xmx512m themselves.
exec "$JAVA" "${JVM_OPTS[@]}" -jar "$jar" "$@"
