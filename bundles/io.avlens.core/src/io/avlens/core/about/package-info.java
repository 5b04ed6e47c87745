/** Versions of AV Lens and the components it runs on, gathered from providers (DS whiteboard). */
package io.avlens.core.about;
