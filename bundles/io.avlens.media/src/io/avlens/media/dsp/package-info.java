/**
 * Pure-Java audio and video signal processing on a model's preprocessing profile: STFT, mel filter banks and
 * log-mel spectrograms with librosa's semantics, onset strength and peak picking, motion energy of frames, and a
 * Griffin-Lim vocoder for mel spectrograms. FFTs come from JTransforms; nothing here needs FFmpeg. Every class is
 * immutable or stateless and may be shared between threads.
 */
package io.avlens.media.dsp;
