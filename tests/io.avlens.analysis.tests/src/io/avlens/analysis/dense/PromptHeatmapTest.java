package io.avlens.analysis.dense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import io.avlens.analysis.similarity.TimeBase;
import io.avlens.core.tensor.FloatTensor;

class PromptHeatmapTest {

    @Test
    void bilinearUpsamplingMatchesPyTorchWithoutAlignedCorners() {
        // torch.nn.functional.interpolate(tensor([[[[0., 1.]]]]), size=(1, 4), mode="bilinear") = 0, .25, .75, 1
        float[] up = PromptHeatmap.bilinear(new float[] {0, 1}, 1, 2, 1, 4);
        assertThat(up).containsExactly(0f, 0.25f, 0.75f, 1f);
        float[] same = PromptHeatmap.bilinear(new float[] {1, 2, 3, 4}, 2, 2, 2, 2);
        assertThat(same).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void normalisationIsMinMaxAndAConstantMapBecomesZero() {
        assertThat(PromptHeatmap.normalise(new float[] {2, 4, 3})).containsExactly(0f, 1f, 0.5f);
        assertThat(PromptHeatmap.normalise(new float[] {5, 5})).containsExactly(0f, 0f);
    }

    @Test
    void timeAverageOverTheSpanAndTheHeadsMaximum() {
        // one frame, one pixel, two heads of one channel; audio steps 0..3
        DenseFeatures f = DenseFeatures.of(FloatTensor.of(new int[] {1, 2, 1, 1, 1}, new float[] {1, 1}),
                FloatTensor.of(new int[] {2, 1, 1, 4}, new float[] {1, 2, 3, 4, 4, 0, 0, 0}), new boolean[4],
                TimeBase.ofRate(1), TimeBase.ofRate(4));
        assertThat(PromptHeatmap.timeAveraged(f, 0, 0, 1, 3)).containsExactly(3f);
        assertThat(PromptHeatmap.timeAveraged(f, 0, 1, 0, 1)).containsExactly(2f);
        // max over heads per step: 4, 2, 3, 4 -> mean of steps 0..1 = 3
        assertThat(PromptHeatmap.timeAveraged(f, 0, PromptHeatmap.AGGREGATE, 0, 1)).containsExactly(3f);
        Prompt p = new Prompt(Prompt.Kind.WORD, "red", 1, 0, 0.2, 0.6);
        assertThat(p.steps(f)).containsExactly(1, 2);
        Prompt inside = new Prompt(Prompt.Kind.SOUND, "wood", 1, 0, 0.30, 0.35);
        assertThat(inside.steps(f)).containsExactly(1, 1);
    }

    @Test
    void promptsOfAnAvShapesSidecar() {
        String json = """
                {"lagSeconds": 0.5, "objects": [{"id": 1, "material": "glass"}, {"id": 2, "material": "wood"}],
                 "events": [
                   {"type": "hit", "time": 1.0, "objectId": 2, "material": "wood", "soundSeconds": 0.3},
                   {"type": "offscreen", "time": 1.5, "objectId": 0, "material": "metal", "soundSeconds": 0.4},
                   {"type": "slide", "time": 2.0, "objectId": 1, "material": "glass"}],
                 "words": [{"word": "cyan", "objectId": 1, "time": 2.5, "duration": 0.4}]}
                """;
        List<Prompt> prompts = AvShapesPrompts.of(JsonParser.parseString(json).getAsJsonObject());
        assertThat(prompts).hasSize(2);
        Prompt hit = prompts.get(0);
        assertThat(hit.kind()).isEqualTo(Prompt.Kind.SOUND);
        assertThat(hit.label()).isEqualTo("wood");
        assertThat(hit.objectId()).isEqualTo(2);
        assertThat(hit.seconds()).isEqualTo(1.0);
        assertThat(hit.audioFrom()).isCloseTo(1.5, within(1e-12));
        assertThat(hit.audioTo()).isCloseTo(1.8, within(1e-12));
        Prompt word = prompts.get(1);
        assertThat(word.kind()).isEqualTo(Prompt.Kind.WORD);
        assertThat(word.label()).isEqualTo("cyan");
        assertThat(word.audioFrom()).isCloseTo(2.5 + 0.5 - 0.2, within(1e-12));
        assertThat(word.audioTo()).isCloseTo(2.5 + 0.5 + 0.4 + 0.2, within(1e-12));
    }
}
