#!/bin/bash
# Prints a plain classpath (no OSGi) of the built bundles DenseAV-small's training, synth and evaluation need, for
# `java -cp "$(tools/mc3/classpath.sh)" ...` from the repository root after a build (each bundle's target jar).
root=$(cd "$(dirname "$0")/../.." && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
cp=""
for b in core media lib.javacv inference inference.djl lib.djl analysis runner models models.denseav \
         synth model model.store; do
  cp="$cp:$(ls "$root"/bundles/io.avlens.$b/target/io.avlens.$b-*.jar | head -1)"
  for j in "$root"/bundles/io.avlens.$b/lib/*.jar; do [ -f "$j" ] && cp="$cp:$j"; done
done
for j in com/google/code/gson/gson/2.13.2/gson-2.13.2.jar com/github/wendykierp/JTransforms/3.2/JTransforms-3.2.jar \
         org/eclipse/platform/org.eclipse.equinox.common/3.21.0/org.eclipse.equinox.common-3.21.0.jar \
         org/eclipse/emf/org.eclipse.emf.common/2.46.0/org.eclipse.emf.common-2.46.0.jar \
         org/eclipse/emf/org.eclipse.emf.ecore/2.43.0/org.eclipse.emf.ecore-2.43.0.jar \
         org/eclipse/emf/org.eclipse.emf.ecore.xmi/2.41.0/org.eclipse.emf.ecore.xmi-2.41.0.jar; do
  cp="$cp:$m2/$j"
done
cp="$cp:$(find "$m2/org/visnow/JLargeArrays" -name 'JLargeArrays-*.jar' | head -1)"
echo "${cp#:}"
