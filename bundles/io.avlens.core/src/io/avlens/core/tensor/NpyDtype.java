package io.avlens.core.tensor;

import java.util.Locale;

/**
 * The NumPy element types AV Lens reads and writes. Values are held little-endian in memory; the byte order of a
 * file only matters while reading it.
 */
public enum NpyDtype {
    BOOL('b', 1),
    INT8('i', 1),
    UINT8('u', 1),
    INT16('i', 2),
    UINT16('u', 2),
    INT32('i', 4),
    INT64('i', 8),
    FLOAT32('f', 4),
    FLOAT64('f', 8);

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /** The NumPy {@code descr} string NumPy itself writes for this type, little-endian: {@code <f4}, {@code |u1}. */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** The NumPy name of the type: {@code float32}, {@code uint8}, {@code bool}. */
    public String numpyName() {
        return this == BOOL ? "bool" : name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type for the kind and size of a {@code descr} without its byte-order mark ({@code f4}, {@code u1}, {@code ?}).
     *
     * @return the type, or {@code null} when AV Lens does not support it
     */
    static NpyDtype fromTypeCode(String code) {
        if ("?".equals(code)) {
            return BOOL;
        }
        if (code.length() < 2) {
            return null;
        }
        char kind = code.charAt(0);
        int size;
        try {
            size = Integer.parseInt(code.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
        for (NpyDtype t : values()) {
            if (t.kind == kind && t.itemSize == size) {
                return t;
            }
        }
        return null;
    }
}
