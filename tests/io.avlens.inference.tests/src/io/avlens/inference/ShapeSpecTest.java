package io.avlens.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ShapeSpecTest {

    @Test
    void parsesSizesAndSymbols() {
        ShapeSpec s = ShapeSpec.parse("[B, T, 3, 224, 224]");
        assertThat(s.dims()).hasSize(5);
        assertThat(s.dims().get(1).symbol()).isEqualTo("T");
        assertThat(s.dims().get(2).size()).isEqualTo(3);
        assertThat(s).hasToString("[B, T, 3, 224, 224]");
        assertThat(ShapeSpec.parse("").dims()).isEmpty();
    }

    @Test
    void symbolsBindOnceAcrossTensors() {
        Map<String, Integer> b = new HashMap<>();
        assertThat(ShapeSpec.parse("B,T,8").bind(new int[] {2, 5, 8}, b)).isNull();
        assertThat(b).containsEntry("B", 2).containsEntry("T", 5);
        assertThat(ShapeSpec.parse("B,T").bind(new int[] {2, 6}, b))
                .contains("T = 6").contains("another tensor has T = 5");
        assertThat(ShapeSpec.parse("B,T,8").bind(new int[] {2, 5, 9}, new HashMap<>()))
                .contains("size 9 in dimension 2, expected 8");
        assertThat(ShapeSpec.parse("B,8").bind(new int[] {2, 5, 8}, new HashMap<>())).contains("rank 3");
    }

    @Test
    void resolvesWhenEverySymbolIsBound() {
        assertThat(ShapeSpec.parse("B,T,512").resolve(Map.of("B", 2, "T", 32))).containsExactly(2, 32, 512);
        assertThat(ShapeSpec.parse("B,T,512").resolve(Map.of("B", 2))).isNull();
    }
}
