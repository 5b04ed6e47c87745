#!/usr/bin/env bash
# Regenerates the EMF model code of AV Lens, headless (no IDE):
#   tools/emf/regenerate.sh [BUNDLE_DIR]      (default: bundles/io.avlens.model)
# Reads BUNDLE_DIR/model/*.ecore and *.genmodel, reconciles the genmodel with the ecore, and rewrites
# BUNDLE_DIR/src-gen/ and BUNDLE_DIR/plugin.xml (and the genmodel when the ecore gained or lost elements).
# Files whose content is unchanged are not touched: a second run changes nothing.
# Needs a JDK 21+ (found like ./avlens does) and the EMF code generator from Maven Central, fetched by the Maven
# wrapper into ~/.m2 on the first run (about 60 MB); set MAVEN_ARGS=-o to stay offline afterwards.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/bundles/io.avlens.model}" && pwd)"
# shellcheck source=../../releng/scripts/jdk.sh
. "$ROOT/releng/scripts/jdk.sh"
if ! JDK=$(find_jdk); then
  echo "regenerate: $(jdk_missing_message)" >&2
  exit 2
fi
export JAVA_HOME="$JDK"

CLASSPATH_FILE="$ROOT/tools/emf/target/codegen.classpath"
mkdir -p "$(dirname "$CLASSPATH_FILE")"
if ! (cd "$ROOT" && ./mvnw -B -q -ntp -f tools/emf/pom.xml dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" >&2); then
  echo "regenerate: could not get the EMF code generator from Maven Central (see the Maven output above)" >&2
  exit 1
fi
exec "$JDK/bin/java" -cp "$(cat "$CLASSPATH_FILE")" "$ROOT/tools/emf/RegenerateModel.java" "$BUNDLE"
