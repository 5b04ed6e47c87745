/**
 * Media files through FFmpeg (JavaCV): probing, decoding audio and video to a model's profile
 * ({@link io.avlens.media.FrameReader}), frames for views ({@link io.avlens.media.FrameSource}), putting a generated
 * soundtrack onto its video ({@link io.avlens.media.SoundtrackMuxer}), and typed errors that name the file and the
 * problem.
 */
package io.avlens.media;
