package io.avlens.models;

import java.util.Optional;

/**
 * Every model family's {@link QueryEncoders}, as one service a view can be given (a view injects one service more
 * easily than a changing list of them).
 */
public interface QueryEncoderCatalog {

    /** The encoders of models of this descriptor family, when the family offers them. */
    Optional<QueryEncoders> forFamily(String family);
}
