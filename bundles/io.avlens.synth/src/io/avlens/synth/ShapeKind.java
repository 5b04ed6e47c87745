package io.avlens.synth;

import java.util.Locale;

/** The outline of an AV-Shapes object and the noun narration uses for it. */
public enum ShapeKind {
    CIRCLE("ball"),
    SQUARE("block"),
    TRIANGLE("wedge");

    private final String noun;

    ShapeKind(String noun) {
        this.noun = noun;
    }

    /** Lower-case name as the sidecar writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The noun narration uses: {@code ball}, {@code block}, {@code wedge}. */
    public String noun() {
        return noun;
    }
}
