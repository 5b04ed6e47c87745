#!/bin/bash
# Prints a plain classpath (no OSGi framework) of built AV Lens bundles, for `java -cp "$(...)" tools/...java` from
# the repository root after a build: each named bundle's target jar and the jars inside its lib/, then the libraries
# every tool needs (Gson, JTransforms, JLargeArrays, Equinox common for IProgressMonitor, EMF for the project model,
# the OSGi framework jar for the few classes that name OSGi types). Usage: tools/classpath.sh BUNDLE... (names after
# "io.avlens.", e.g. core media models.cavp). The families' scripts (tools/*/classpath.sh) name their bundles.
root=$(cd "$(dirname "$0")/.." && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
cp=""
for b in "$@"; do
  jar=$(ls "$root"/bundles/io.avlens.$b/target/io.avlens.$b-*.jar 2>/dev/null | head -1)
  if [ -z "$jar" ]; then
    echo "tools/classpath.sh: bundles/io.avlens.$b has no built jar; build first (./mvnw -o verify -DskipTests)" >&2
    exit 2
  fi
  cp="$cp:$jar"
  for j in "$root"/bundles/io.avlens.$b/lib/*.jar; do [ -f "$j" ] && cp="$cp:$j"; done
done
for j in com/google/code/gson/gson/2.13.2/gson-2.13.2.jar com/github/wendykierp/JTransforms/3.2/JTransforms-3.2.jar \
         org/eclipse/platform/org.eclipse.equinox.common/3.21.0/org.eclipse.equinox.common-3.21.0.jar \
         org/eclipse/emf/org.eclipse.emf.common/2.46.0/org.eclipse.emf.common-2.46.0.jar \
         org/eclipse/emf/org.eclipse.emf.ecore/2.43.0/org.eclipse.emf.ecore-2.43.0.jar \
         org/eclipse/emf/org.eclipse.emf.ecore.xmi/2.41.0/org.eclipse.emf.ecore.xmi-2.41.0.jar; do
  cp="$cp:$m2/$j"
done
cp="$cp:$(find "$m2/org/eclipse/platform/org.eclipse.osgi" -name 'org.eclipse.osgi-*.jar' | grep -v sources | sort | tail -1)"
cp="$cp:$(find "$m2/org/visnow/JLargeArrays" -name 'JLargeArrays-*.jar' | head -1)"
echo "${cp#:}"
