# Sourced by ./avlens and ./run-tests: finds a JDK new enough for Eclipse 4.39 and Tycho 5.
# find_jdk prints the JDK folder (JAVA_HOME first, then the usual install folders) or fails;
# jdk_missing_message explains what to install.
AVLENS_MIN_JAVA=21

java_major() { # the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$AVLENS_MIN_JAVA" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

jdk_missing_message() {
  cat <<MSG
no JDK $AVLENS_MIN_JAVA or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks).
Eclipse 4.39, which AV Lens runs on, and the Tycho build need Java $AVLENS_MIN_JAVA+. Install one, for example
Temurin 25 (https://adoptium.net, or your distribution's temurin-25-jdk package), then run again or set
JAVA_HOME to it.
MSG
}
