package io.avlens.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.avlens.core.time.TimeSelection;

class AnalysisEventTest {

    @Test
    void isFromComparesIdentityNotEquality() {
        List<String> poster = new ArrayList<>();
        List<String> equalButOther = new ArrayList<>();
        assertThat(poster).isEqualTo(equalButOther);

        AnalysisEvent e = new TimeSelectionChanged(poster, "clip-1", TimeSelection.at(1));

        assertThat(e.isFrom(poster)).isTrue();
        assertThat(e.isFrom(equalButOther)).isFalse();
        assertThat(e.isFrom(null)).isFalse();
    }

    @Test
    void concernsItsOwnContextOnly() {
        AnalysisEvent e = new ItemsSelected(this, "exp-7", "clip", List.of("a"));

        assertThat(e.concerns("exp-7")).isTrue();
        assertThat(e.concerns("exp-8")).isFalse();
        assertThat(e.concerns(null)).isFalse();
    }

    @Test
    void aCustomEventGetsTheDefaults() {
        Object me = new Object();
        AnalysisEvent e = new AnalysisEvent() {
            @Override
            public Object source() {
                return me;
            }

            @Override
            public String contextId() {
                return "ctx";
            }
        };

        assertThat(e.isFrom(me)).isTrue();
        assertThat(e.isFrom(new Object())).isFalse();
        assertThat(e.concerns("ctx")).isTrue();
    }
}
