#!/bin/bash
# Prints a plain classpath of the built bundles DenseAV-small's training, synth and evaluation tools need
# (tools/classpath.sh), for `java -cp "$(tools/denseav/classpath.sh)" ...` from the repository root after a build.
exec "$(dirname "$0")/../classpath.sh" core media lib.javacv inference inference.djl lib.djl analysis runner models \
     models.denseav synth model model.store
