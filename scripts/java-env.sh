# Sourced by the project's scripts: selects a JDK 25+ into JAVA_HOME and PATH.
# Order: JAVA_HOME when it is already 25+, then Temurin 25, then any JDK 25+ under /usr/lib/jvm. With NMC_NO_BUILD=1
# (run the jars already built) a Java runtime without javac will do, e.g. scripts/device-bundle's trimmed one.
nmc_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
nmc_select_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    [ "${NMC_NO_BUILD:-}" = 1 ] || [ -x "$c/bin/javac" ] || continue
    v=$(nmc_java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then export JAVA_HOME="$c"; export PATH="$c/bin:$PATH"; return 0; fi
  done
  echo "nmc: no JDK 25 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install Temurin 25 or set JAVA_HOME to a JDK 25+." >&2
  return 1
}
nmc_select_jdk || exit 1
