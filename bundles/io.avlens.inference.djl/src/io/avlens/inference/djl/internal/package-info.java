/** The DS components and the DJL-backed loaded model; not API. */
package io.avlens.inference.djl.internal;
