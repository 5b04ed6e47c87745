/** Playback, frame loading and drawing behind the media views; not API. */
package io.avlens.ui.media.internal;
