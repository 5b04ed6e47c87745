/** Services of the media bundle. */
package io.avlens.media.internal;
