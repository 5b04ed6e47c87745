package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyHeaderTest {

    private static NpyHeader parse(String text) throws NpyFormatException {
        return NpyHeader.parse(text, "h.npy");
    }

    @Test
    void parsesWhatNumpyWrites() throws NpyFormatException {
        NpyHeader h = parse("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }          \n");

        assertThat(h.dtype()).isEqualTo(NpyDtype.FLOAT32);
        assertThat(h.bigEndian()).isFalse();
        assertThat(h.fortranOrder()).isFalse();
        assertThat(h.shape()).containsExactly(2, 3);
    }

    @Test
    void parsesOneAndZeroDimensionalShapes() throws NpyFormatException {
        assertThat(parse("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }").shape()).containsExactly(5);
        assertThat(parse("{'descr': '<i8', 'fortran_order': False, 'shape': (), }").shape()).isEmpty();
        assertThat(parse("{'descr': '<i8', 'fortran_order': False, 'shape': (0, 3), }").shape()).containsExactly(0, 3);
    }

    @Test
    void acceptsAnyKeyOrderQuotesAndSpacing() throws NpyFormatException {
        NpyHeader h = parse("{ \"shape\" : [4,5] ,\"fortran_order\":True,'descr':'>f8'}");

        assertThat(h.dtype()).isEqualTo(NpyDtype.FLOAT64);
        assertThat(h.bigEndian()).isTrue();
        assertThat(h.fortranOrder()).isTrue();
        assertThat(h.shape()).containsExactly(4, 5);
    }

    @Test
    void acceptsPython2LongLiterals() throws NpyFormatException {
        assertThat(parse("{'descr': '<u2', 'fortran_order': False, 'shape': (3L, 4L), }").shape()).containsExactly(3, 4);
    }

    @ParameterizedTest
    @CsvSource({
        "<i4, INT32,   false",
        ">i4, INT32,   true",
        "=i4, INT32,   false",
        "i4,  INT32,   false",
        "|u1, UINT8,   false",
        ">u1, UINT8,   false",
        "|b1, BOOL,    false",
        "?,   BOOL,    false",
        ">u2, UINT16,  true",
        "<f8, FLOAT64, false"})
    void byteOrderMarks(String descr, NpyDtype dtype, boolean bigEndian) throws NpyFormatException {
        NpyHeader h = parse("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }");

        assertThat(h.dtype()).isEqualTo(dtype);
        assertThat(h.bigEndian()).as("big-endian").isEqualTo(bigEndian);
    }

    @Test
    void namesWhatIsMissing() {
        assertProblem("{'fortran_order': False, 'shape': (1,), }", "header has no 'descr'");
        assertProblem("{'descr': '<f4', 'shape': (1,), }", "header has no boolean 'fortran_order'");
        assertProblem("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", "header has no boolean 'fortran_order'");
        assertProblem("{'descr': '<f4', 'fortran_order': False, }", "header has no 'shape' tuple");
        assertProblem("{'descr': '<f4', 'fortran_order': False, 'shape': 3, }", "header has no 'shape' tuple");
        assertProblem("{'descr': '', 'fortran_order': False, 'shape': (1,), }", "empty dtype descr");
    }

    @Test
    void rejectsStructuredAndUnsupportedTypes() {
        assertProblem("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }",
                "structured arrays are not supported");
        assertProblem("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<c16'");
        assertProblem("{'descr': '<U7', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '<U7'");
        assertProblem("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '|O'");
    }

    @Test
    void rejectsDimensionsOutsideTheIntRange() {
        assertProblem("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", "unsupported dimension -1");
        assertProblem("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483648,), }",
                "unsupported dimension 2147483648");
    }

    @Test
    void rejectsMalformedText() {
        assertProblem("", "malformed header");
        assertProblem("{'descr': '<f4'", "malformed header");
        assertProblem("{'descr: '<f4', 'fortran_order': False, 'shape': (1,), }", "malformed header");
        assertProblem("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } extra", "malformed header");
        assertProblem("[1, 2]", "the header is not a dictionary");
        assertProblem("{'descr': <f4, 'fortran_order': False, 'shape': (1,), }", "unexpected '<'");
        assertProblem("{'descr': '<f4', 'fortran_order': False, 'shape': (-,), }", "malformed header");
    }

    @Test
    void abbreviatesLongHeadersInMessages() {
        String junk = "{'descr': '<f4', 'x': '" + "y".repeat(500) + "'";
        assertThatThrownBy(() -> parse(junk)).isInstanceOf(NpyFormatException.class)
                .hasMessageEndingWith("...").hasMessageNotContaining("y".repeat(200));
    }

    private static void assertProblem(String header, String problem) {
        assertThatThrownBy(() -> parse(header)).as(header).isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("h.npy: ").hasMessageContaining(problem);
    }
}
