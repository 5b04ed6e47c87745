/**
 * Results the views share: {@link io.avlens.runner.results.ClipResults} computes a model's result on a clip once,
 * through the runner, for every view that asks.
 */
package io.avlens.runner.results;
