package io.avlens.core.tensor;

import java.io.IOException;

/** A file that is not a NumPy array AV Lens can read. The message names the file and what is wrong with it. */
public class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source  the file (or stream name) being read
     * @param problem what is wrong, in words a user can act on
     */
    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}
