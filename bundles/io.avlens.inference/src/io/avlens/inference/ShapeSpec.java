package io.avlens.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tensor shape whose dimensions are fixed sizes or symbols ({@code B} for the batch, {@code T} for time …).
 * Within one model a symbol stands for one size: binding the inputs' shapes fixes the symbols, which then give
 * the outputs' sizes.
 *
 * @param dims the dimensions, outermost first
 */
public record ShapeSpec(List<Dim> dims) {

    /**
     * One dimension: a fixed {@code size}, or a {@code symbol} (then size is -1).
     *
     * @param size   the size, or -1 for a symbol
     * @param symbol the symbol, or null for a fixed size
     */
    public record Dim(int size, String symbol) {
        /** @throws IllegalArgumentException unless exactly one of size and symbol is given */
        public Dim {
            boolean symbolic = symbol != null;
            if (symbolic == (size >= 0) || (symbolic && (symbol.isBlank() || size != -1))) {
                throw new IllegalArgumentException("a dimension is a size >= 0 or a symbol, not " + size + "/" + symbol);
            }
        }

        /** A fixed size. */
        public static Dim of(int size) {
            return new Dim(size, null);
        }

        /** A symbolic size. */
        public static Dim of(String symbol) {
            return new Dim(-1, symbol);
        }

        /** Whether this dimension is symbolic. */
        public boolean isSymbolic() {
            return symbol != null;
        }

        @Override
        public String toString() {
            return isSymbolic() ? symbol : Integer.toString(size);
        }
    }

    /** Copies the list. */
    public ShapeSpec {
        dims = List.copyOf(dims);
    }

    /**
     * Reads {@code "B,3,224,224"} (commas, optional brackets and spaces); a token that is not a number is a symbol.
     *
     * @throws IllegalArgumentException for an empty token or a negative size
     */
    public static ShapeSpec parse(String text) {
        String t = text.strip();
        if (t.startsWith("[") || t.startsWith("(")) {
            t = t.substring(1, t.length() - 1);
        }
        List<Dim> dims = new ArrayList<>();
        if (!t.isBlank()) {
            for (String tok : t.split(",")) {
                String s = tok.strip().replace("\"", "");
                if (s.isEmpty()) {
                    throw new IllegalArgumentException("empty dimension in shape '" + text + "'");
                }
                dims.add(s.matches("-?\\d+") ? Dim.of(Integer.parseInt(s)) : Dim.of(s));
            }
        }
        return new ShapeSpec(dims);
    }

    /**
     * Checks an actual shape against this spec, binding symbols in {@code bindings} (symbols already bound must
     * keep their size). Returns null when it fits, else what does not fit.
     */
    public String bind(int[] actual, Map<String, Integer> bindings) {
        if (actual.length != dims.size()) {
            return "has rank " + actual.length + " " + Arrays.toString(actual) + ", expected rank " + dims.size()
                    + " " + this;
        }
        for (int i = 0; i < actual.length; i++) {
            Dim d = dims.get(i);
            if (!d.isSymbolic()) {
                if (d.size() != actual[i]) {
                    return "has size " + actual[i] + " in dimension " + i + ", expected " + d.size() + " (shape "
                            + Arrays.toString(actual) + ", expected " + this + ")";
                }
            } else {
                Integer bound = bindings.putIfAbsent(d.symbol(), actual[i]);
                if (bound != null && bound != actual[i]) {
                    return "has " + d.symbol() + " = " + actual[i] + " in dimension " + i + ", but another tensor has "
                            + d.symbol() + " = " + bound;
                }
            }
        }
        return null;
    }

    /** The concrete shape under {@code bindings}, or null when a symbol is unbound. */
    public int[] resolve(Map<String, Integer> bindings) {
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            Dim d = dims.get(i);
            Integer size = d.isSymbolic() ? bindings.get(d.symbol()) : Integer.valueOf(d.size());
            if (size == null) {
                return null;
            }
            out[i] = size;
        }
        return out;
    }

    @Override
    public String toString() {
        return dims.stream().map(Dim::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
