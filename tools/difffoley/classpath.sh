#!/bin/bash
# Prints a plain classpath of the built bundles Diff-Foley-small's tools need (tools/classpath.sh), for
# `java -cp "$(tools/difffoley/classpath.sh)" ...` from the repository root after a build.
exec "$(dirname "$0")/../classpath.sh" core media lib.javacv inference inference.djl lib.djl analysis runner models \
     models.cavp models.difffoley synth model model.store
