package io.avlens.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyDtypeTest {

    @ParameterizedTest
    @CsvSource({
        "BOOL,    |b1, bool,    1, false",
        "INT8,    |i1, int8,    1, false",
        "UINT8,   |u1, uint8,   1, false",
        "INT16,   <i2, int16,   2, false",
        "UINT16,  <u2, uint16,  2, false",
        "INT32,   <i4, int32,   4, false",
        "INT64,   <i8, int64,   8, false",
        "FLOAT32, <f4, float32, 4, true",
        "FLOAT64, <f8, float64, 8, true"})
    void describesItselfLikeNumpy(NpyDtype dtype, String descr, String name, int itemSize, boolean floatingPoint) {
        assertThat(dtype.descr()).isEqualTo(descr);
        assertThat(dtype.numpyName()).isEqualTo(name);
        assertThat(dtype.itemSize()).isEqualTo(itemSize);
        assertThat(dtype.isFloatingPoint()).isEqualTo(floatingPoint);
    }

    @ParameterizedTest
    @EnumSource(NpyDtype.class)
    void isFoundByItsOwnTypeCode(NpyDtype dtype) {
        assertThat(NpyDtype.fromTypeCode(dtype.descr().substring(1))).isSameAs(dtype);
    }

    @Test
    void questionMarkIsBool() {
        assertThat(NpyDtype.fromTypeCode("?")).isSameAs(NpyDtype.BOOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "f", "f2", "f16", "c8", "c16", "u4", "u8", "i16", "U5", "S3", "O", "V8", "M8[ns]",
        "m8[s]", "b2", "x4"})
    void unsupportedCodesGiveNull(String code) {
        assertThat(NpyDtype.fromTypeCode(code)).isNull();
    }
}
