package io.avlens.core.tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed dictionary of a {@code .npy} header, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 * The parser reads exactly the Python literal subset NumPy writes: strings, booleans, integers and tuples.
 */
record NpyHeader(NpyDtype dtype, boolean bigEndian, boolean fortranOrder, int[] shape) {

    static NpyHeader parse(String text, String source) throws NpyFormatException {
        Map<String, Object> dict;
        try {
            dict = new Parser(text.strip()).dictionary();
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, "malformed header (" + e.getMessage() + "): " + abbreviate(text));
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new NpyFormatException(source, descr == null ? "header has no 'descr'"
                    : "structured arrays are not supported (descr " + abbreviate(String.valueOf(descr)) + ")");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(source, "header has no boolean 'fortran_order'");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new NpyFormatException(source, "header has no 'shape' tuple");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v)) {
                throw new NpyFormatException(source, "the shape must hold whole numbers, got " + dims);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new NpyFormatException(source, "unsupported dimension " + v + " in shape " + dims);
            }
            shape[i] = v.intValue();
        }
        if (d.isEmpty()) {
            throw new NpyFormatException(source, "empty dtype descr");
        }
        char order = d.charAt(0);
        String code = "<>|=".indexOf(order) >= 0 ? d.substring(1) : d;
        NpyDtype dtype = NpyDtype.fromTypeCode(code);
        if (dtype == null) {
            throw new NpyFormatException(source, "unsupported dtype '" + d
                    + "' (AV Lens reads bool, int8/16/32/64, uint8/16, float32 and float64)");
        }
        return new NpyHeader(dtype, order == '>' && dtype.itemSize() > 1, fortran, shape);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** A recursive-descent parser for the header's literal. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dictionary() {
            Object v = value();
            skipSpace();
            if (at != s.length()) {
                throw new IllegalArgumentException("unexpected text after the dictionary at " + at);
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("the header is not a dictionary");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> dict = (Map<String, Object>) m;
            return dict;
        }

        private Object value() {
            skipSpace();
            if (at >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            char c = s.charAt(at);
            if (c == '{') {
                return map();
            }
            if (c == '(' || c == '[') {
                return sequence(c == '(' ? ')' : ']');
            }
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (s.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            return integer();
        }

        private Map<String, Object> map() {
            Map<String, Object> m = new HashMap<>();
            at++;
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    at++;
                    return m;
                }
                Object key = value();
                skipSpace();
                expect(':');
                m.put(String.valueOf(key), value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                }
            }
        }

        private List<Object> sequence(char close) {
            List<Object> items = new ArrayList<>();
            at++;
            while (true) {
                skipSpace();
                if (peek() == close) {
                    at++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    at++;
                }
            }
        }

        private String string(char quote) {
            int end = s.indexOf(quote, at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string at " + at);
            }
            String v = s.substring(at + 1, end);
            at = end + 1;
            return v;
        }

        private Long integer() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("unexpected '" + s.charAt(at) + "' at " + at);
            }
            long v = Long.parseLong(s.substring(start, at));
            if (peek() == 'L') {
                at++; // Python 2 long literal, in files written by old NumPy
            }
            return v;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
            at++;
        }

        private char peek() {
            if (at >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(at);
        }

        private void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }
    }
}
