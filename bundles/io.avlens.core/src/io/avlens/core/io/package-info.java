/** File output that never leaves a half-written file behind. */
package io.avlens.core.io;
