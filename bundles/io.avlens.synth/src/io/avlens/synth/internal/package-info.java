/** The generator's implementation: scene planning, rendering, sound synthesis, encoding and the project. */
package io.avlens.synth.internal;
