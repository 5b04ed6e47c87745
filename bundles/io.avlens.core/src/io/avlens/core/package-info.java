/** AV Lens core: time, tensors, colour maps and event payloads, with no Eclipse dependency. */
package io.avlens.core;
