package io.avlens.analysis.similarity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;

/**
 * The reference arrays in {@code resources/similarity/}, written by {@code make_similarity_reference.py} (NumPy,
 * from the definitions of methods §1), and the cases of {@code cases.tsv}.
 */
final class SimilarityReference {

    /** One line of {@code cases.tsv}. */
    record Case(String name, int audioSteps, int videoSteps, int channels, TimeBase audio, TimeBase video,
            int maxLag, double offsetSeconds, double queryAudio, double queryVideo, int k) {

        @Override
        public String toString() {
            return name;
        }

        NpyArray array(String suffix) {
            return load(name + "_" + suffix + ".npy");
        }
    }

    private SimilarityReference() {
    }

    static List<Case> cases() {
        List<Case> result = new ArrayList<>();
        try (InputStream in = open("cases.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                result.add(new Case(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        new TimeBase(Double.parseDouble(f[4]), Double.parseDouble(f[5])),
                        new TimeBase(Double.parseDouble(f[6]), Double.parseDouble(f[7])), Integer.parseInt(f[8]),
                        Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                        Integer.parseInt(f[12])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    static NpyArray load(String file) {
        try (InputStream in = open(file)) {
            return Npy.read(in, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = SimilarityReference.class.getResourceAsStream("/resources/similarity/" + file);
        if (in == null) {
            throw new IOException("reference file resources/similarity/" + file + " is missing; run "
                    + "make_similarity_reference.py");
        }
        return in;
    }
}
