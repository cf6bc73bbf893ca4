# Sourced by .ci/run and bench/run.sh: find_jdk prints the home of a JDK 21+ (JAVA_HOME first,
# then the Temurin JDKs these machines carry, then anything under /usr/lib/jvm), or fails.
find_jdk() {
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$d" ] && [ -x "$d/bin/javac" ] || continue
    v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [ "${v%%.*}" -ge 21 ] 2>/dev/null && { echo "$d"; return 0; }
  done
  return 1
}
