package io.avlens.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.avlens.core.profile.FrameFit;
import io.avlens.core.profile.VideoSpec;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyDtype;
import io.avlens.media.FrameReader;
import io.avlens.media.VideoFrames;

/**
 * The instance and sounding masks against the decoded frames and the labels. The background is static, so an
 * object's pixels on one frame are compared with the same pixels on a frame where the masks say background there;
 * pixels within {@value #EDGE} px of an outline are left out (H.264 blurs edges).
 */
class MaskTruthTest {

    private static final int EDGE = 2;

    private static byte[] bytes(NpyArray array) {
        byte[] b = new byte[(int) array.size()];
        array.data().get(b);
        return b;
    }

    /** Whether every pixel within {@value #EDGE} px of (x, y) on frame t has mask value {@code id}. */
    private static boolean interior(byte[] mask, int t, int x, int y, int size, int id) {
        for (int dy = -EDGE; dy <= EDGE; dy++) {
            for (int dx = -EDGE; dx <= EDGE; dx++) {
                int xx = x + dx;
                int yy = y + dy;
                if (xx < 0 || yy < 0 || xx >= size || yy >= size
                        || (mask[(t * size + yy) * size + xx] & 0xff) != id) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void masksShowTheObjectsTheFramesShow() throws IOException {
        Path dataset = GeneratedDatasets.synced();
        int compared = 0;
        for (int i = 0; i < 3; i++) {
            JsonObject sidecar = GeneratedDatasets.sidecar(dataset, i);
            int size = sidecar.get("width").getAsInt();
            int frames = sidecar.get("frames").getAsInt();
            NpyArray masks = Npy.read(GeneratedDatasets.file(dataset, i, ".masks.npy"));
            assertThat(masks.dtype()).isEqualTo(NpyDtype.UINT8);
            assertThat(masks.shape()).containsExactly(frames, size, size);
            byte[] mask = bytes(masks);
            VideoFrames video = new FrameReader(new VideoSpec(sidecar.get("fps").getAsDouble(), size, size,
                    FrameFit.CENTER_CROP)).read(GeneratedDatasets.video(dataset, i));
            assertThat(video.count()).isEqualTo(frames);
            int objects = sidecar.getAsJsonArray("objects").size();
            for (int t = 0; t < frames; t += 3) {
                for (int id = 1; id <= objects; id++) {
                    double objectDiff = 0;
                    int n = 0;
                    int t2 = (t + frames / 2) % frames;
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            if (interior(mask, t, x, y, size, id) && interior(mask, t2, x, y, size, 0)) {
                                objectDiff += colourDistance(video, t, t2, x, y, size);
                                n++;
                            }
                        }
                    }
                    if (n >= 4) {
                        assertThat(objectDiff / n).as("clip %d frame %d object %d vs frame %d (%d px)", i, t, id,
                                t2, n).isGreaterThan(0.06);
                        compared++;
                    }
                }
                // background where both frames show background is the same picture
                int t2 = (t + frames / 2) % frames;
                double backgroundDiff = 0;
                int n = 0;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        if (interior(mask, t, x, y, size, 0) && interior(mask, t2, x, y, size, 0)) {
                            backgroundDiff += colourDistance(video, t, t2, x, y, size);
                            n++;
                        }
                    }
                }
                assertThat(backgroundDiff / n).as("clip %d background frame %d vs %d", i, t, t2).isLessThan(0.03);
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    /** Mean absolute RGB difference of one pixel between two frames, in [0, 1]. */
    private static double colourDistance(VideoFrames video, int t1, int t2, int x, int y, int size) {
        double d = 0;
        for (int c = 0; c < 3; c++) {
            d += Math.abs(video.tensor().get(t1, y, x, c) - video.tensor().get(t2, y, x, c));
        }
        return d / 3;
    }

    @Test
    void soundingMasksHoldExactlyTheSoundingObjects() throws IOException {
        Path dataset = GeneratedDatasets.synced();
        int hits = 0;
        for (int i = 0; i < GeneratedDatasets.CLIPS; i++) {
            JsonObject sidecar = GeneratedDatasets.sidecar(dataset, i);
            int size = sidecar.get("width").getAsInt();
            int area = size * size;
            byte[] mask = bytes(Npy.read(GeneratedDatasets.file(dataset, i, ".masks.npy")));
            byte[] sounding = bytes(Npy.read(GeneratedDatasets.file(dataset, i, ".sounding.npy")));
            for (int p = 0; p < mask.length; p++) {
                assertThat(sounding[p] == 0 || sounding[p] == mask[p]).as("sounding pixels are object pixels").isTrue();
            }
            for (JsonObject e : GeneratedDatasets.events(sidecar, "hit", "scratch")) {
                int frame = e.get("frame").getAsInt();
                int id = e.get("objectId").getAsInt();
                int inMask = 0;
                int inSounding = 0;
                for (int p = frame * area; p < (frame + 1) * area; p++) {
                    inMask += (mask[p] & 0xff) == id ? 1 : 0;
                    inSounding += (sounding[p] & 0xff) == id ? 1 : 0;
                }
                assertThat(inMask).isPositive();
                assertThat(inSounding).as("clip %d: object %d sounds on frame %d", i, id, frame).isEqualTo(inMask);
                hits++;
            }
            for (JsonElement o : sidecar.getAsJsonArray("objects")) {
                if ("silent".equals(o.getAsJsonObject().get("action").getAsString())) {
                    int id = o.getAsJsonObject().get("id").getAsInt();
                    for (byte b : sounding) {
                        assertThat(b & 0xff).as("a silent object never sounds").isNotEqualTo(id);
                    }
                }
            }
        }
        assertThat(hits).isGreaterThan(0);
    }
}
