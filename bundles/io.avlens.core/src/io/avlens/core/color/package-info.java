/** Colour maps as ARGB lookup tables and linear colour scales; no toolkit types. */
package io.avlens.core.color;
