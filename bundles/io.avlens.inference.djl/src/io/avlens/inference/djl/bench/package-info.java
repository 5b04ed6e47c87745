/** Measurements of the inference layer against DJL called directly, run in the same process and moment. */
package io.avlens.inference.djl.bench;
