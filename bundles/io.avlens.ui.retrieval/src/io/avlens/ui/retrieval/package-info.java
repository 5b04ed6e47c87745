/**
 * The retrieval inspector: query an embedding table by a clip's audio or video, see the ranked hits (frames,
 * spectrogram, narration, relevance), play and compare them, and measure the whole gallery's retrieval.
 */
package io.avlens.ui.retrieval;
