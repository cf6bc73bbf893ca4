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
# The heap is capped (a hostile or runaway request fails alone, the host keeps its memory):
# HEAP_MAX=1g ./run.sh … for more; java -jar users pass -Xmx512m themselves.
exec "$JAVA" -Xmx"${HEAP_MAX:-512m}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -jar "$jar" "$@"
