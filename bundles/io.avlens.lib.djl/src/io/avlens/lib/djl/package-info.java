/**
 * AV Lens's entry to DJL 0.35.1 with PyTorch 2.7.1: {@link io.avlens.lib.djl.DjlSetup} configures DJL offline with
 * caches under the AV Lens data folder and finds the engine with the right class loader. Every {@code ai.djl}
 * package of DJL's api and pytorch-engine jars is exported by this bundle.
 */
package io.avlens.lib.djl;
