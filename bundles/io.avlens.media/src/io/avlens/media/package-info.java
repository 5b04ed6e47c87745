/** Media files through FFmpeg (JavaCV): probing, and typed errors that name the file and the problem. */
package io.avlens.media;
