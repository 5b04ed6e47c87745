/**
 * Benchmarks of the media layer, measured against reference tools in the same run (for {@code avlens bench}).
 * They report numbers; no test asserts a speed.
 */
package io.avlens.media.bench;
