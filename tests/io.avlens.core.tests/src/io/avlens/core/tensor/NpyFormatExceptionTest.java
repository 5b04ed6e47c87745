package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class NpyFormatExceptionTest {

    @Test
    void messageNamesTheSourceAndTheProblem() {
        NpyFormatException e = new NpyFormatException("/data/x.npy", "truncated header");

        assertThat(e).isInstanceOf(IOException.class).hasMessage("/data/x.npy: truncated header");
    }
}
