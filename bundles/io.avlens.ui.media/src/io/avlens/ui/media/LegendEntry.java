package io.avlens.ui.media;

/**
 * One colour of an overlay's legend.
 *
 * @param label what the colour means, e.g. "object 1"
 * @param rgb   the colour, {@code 0xRRGGBB}
 */
public record LegendEntry(String label, int rgb) {
}
