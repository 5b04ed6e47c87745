package io.avlens.ui.training.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.avlens.ui.testing.Ui;
import io.avlens.ui.training.TrainingView;
import io.avlens.ui.training.internal.TrainingChart;

/**
 * The Training view on the shipped CAVP-small loss curve (2,500 steps logged every 10): what it draws equals the
 * file; lines appended to a copy, as a running training appends them, are picked up, an unfinished last line waits
 * for its end, a malformed line is named by file and line and skipped, and a rewritten (shorter) file is read again.
 * Each expected value is parsed here from the file's text, independently of the view's reader.
 */
class TrainingViewTest {

    @TempDir
    Path dir;

    @Test
    void showsTheShippedCurveAndFollowsAGrowingFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("train-out"));
        Path csv = out.resolve("loss.csv");
        URL shipped = Platform.getBundle("io.avlens.models.cavp").getEntry("/weights/cavp-small/loss.csv");
        assertThat(shipped).as("the shipped loss.csv of cavp-small").isNotNull();
        try (InputStream in = shipped.openStream()) {
            Files.copy(in, csv);
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        List<double[]> rows = rows(lines.subList(1, lines.size()));
        assertThat(rows).hasSize(250);
        assertThat(rows.get(249)[0]).isEqualTo(2500);

        IWorkbenchWindow window = Ui.window();
        IViewPart viewPart = Ui.sync(() -> {
            try {
                return window.getActivePage().showView(TrainingView.ID);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        TrainingView view = Ui.sync(() -> {
            MPart part = window.getService(EPartService.class).findPart(TrainingView.ID);
            return (TrainingView) part.getObject();
        });
        Ui.maximize(viewPart, true);
        Ui.run(() -> view.open(out));
        Ui.waitUntil("the 250 rows of loss.csv", 20, () -> view.curve() != null && view.curve().size() == 250);

        // one line per loss column, then the temperature, each exactly the file's column
        List<TrainingChart.Line> shown = Ui.sync(view::shown);
        assertThat(shown).extracting(TrainingChart.Line::name)
                .containsExactly("L_S", "L_T", "total", "L_T_steps", "L_T_bands", "temperature");
        for (TrainingChart.Line line : shown) {
            int column = List.of(header).indexOf(line.name());
            assertThat(line.x()).hasSize(250);
            for (int r = 0; r < 250; r++) {
                assertThat(line.x()[r]).isEqualTo(rows.get(r)[0]);
                assertThat(line.y()[r]).as("%s at step %s", line.name(), rows.get(r)[0])
                        .isEqualTo(rows.get(r)[column]);
            }
        }
        assertThat(Ui.sync(view::readoutText)).contains("step 2500").contains("total 2.9660")
                .contains("temperature 0.019807");
        assertThat(Ui.sync(view::statusText)).contains(csv.toString()).contains("250 rows").contains("following");
        Ui.screenshot(window.getShell(), "training-view-shipped");

        // smoothing: a trailing mean over 10 logged points; log axis keeps every (positive) point
        Ui.run(() -> view.setOptions(10, true, true));
        TrainingChart.Line smoothed = Ui.sync(view::shown).get(2);
        assertThat(smoothed.name()).isEqualTo("total (avg 10)");
        for (int r : new int[] {0, 4, 9, 10, 137, 249}) {
            double sum = 0;
            int from = Math.max(0, r - 9);
            for (int k = from; k <= r; k++) {
                sum += rows.get(k)[3];
            }
            assertThat(smoothed.y()[r]).isCloseTo(sum / (r - from + 1), within(1e-9));
        }
        Ui.screenshot(window.getShell(), "training-view-smoothed-log");

        // exports: a PNG of the chart and the drawn (smoothed) lines as CSV
        Path png = dir.resolve("loss.png");
        Path exported = dir.resolve("curves.csv");
        Ui.run(() -> {
            try {
                view.exportPng(png);
                view.exportCsv(exported);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        Files.copy(png, Path.of(System.getProperty("avlens.screenshots", "target/screenshots"), "training-export.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ImageData image = new ImageData(png.toString());
        assertThat(image.width).isGreaterThanOrEqualTo(640);
        assertThat(image.height).isGreaterThanOrEqualTo(400);
        List<String> csvLines = Files.readAllLines(exported);
        assertThat(csvLines.get(0)).isEqualTo(
                "step,L_S (avg 10),L_T (avg 10),total (avg 10),L_T_steps (avg 10),L_T_bands (avg 10),temperature");
        assertThat(csvLines).hasSize(251);
        String[] last = csvLines.get(250).split(",");
        assertThat(last[0]).isEqualTo("2500");
        assertThat(Double.parseDouble(last[3])).isCloseTo(smoothed.y()[249], within(1e-6));
        assertThat(Double.parseDouble(last[6])).isEqualTo(rows.get(249)[4]);
        Ui.run(() -> view.setOptions(1, false, true));

        // a running training appends three rows, then half a row: the half waits for its end
        String appended = "2510,0.250000,2.600000,2.850000,0.019800,1.800000,0.800000\n"
                + "2520,0.240000,2.590000,2.830000,0.019790,1.790000,0.800000\n"
                + "2530,0.230000,2.580000,2.810000,0.019780,1.780000,0.800000\n" + "2540,0.220000,2.57";
        append(csv, appended);
        Ui.waitUntil("the three appended rows", 20, () -> view.curve().size() == 253);
        append(csv, "0000,2.790000,0.019770,1.770000,0.800000\n");
        Ui.waitUntil("the completed fourth row", 20, () -> view.curve().size() == 254);
        assertThat(Ui.sync(view::statusText)).doesNotContain("line");
        TrainingChart.Line total = Ui.sync(view::shown).get(2);
        assertThat(total.x()).hasSize(254);
        assertThat(total.x()[253]).isEqualTo(2540);
        assertThat(total.y()[250]).isEqualTo(2.85);
        assertThat(total.y()[253]).isEqualTo(2.79);
        assertThat(Ui.sync(view::shown).get(1).y()[253]).isEqualTo(2.57);

        // a malformed line (file line 256) is skipped and named; the next good line still arrives
        append(csv, "2550,0.21,oops,2.78,0.01976,1.76,0.8\n2560,0.200000,2.550000,2.750000,0.019750,1.750000,0.8\n");
        Ui.waitUntil("the row after the malformed line", 20, () -> view.curve().size() == 255);
        assertThat(Ui.sync(view::statusText)).contains(csv + " line 256").contains("'oops'").contains("L_T");
        assertThat(Ui.sync(view::shown).get(2).x()[254]).isEqualTo(2560);
        Ui.screenshot(window.getShell(), "training-view-followed");

        // a resumed training rewrites the file up to its checkpoint: the view reads it again from the start
        Files.write(csv, lines.subList(0, 101), StandardCharsets.UTF_8);
        Ui.waitUntil("the rewritten file's 100 rows", 20, () -> view.curve().size() == 100);
        assertThat(Ui.sync(view::shown).get(0).y()[99]).isEqualTo(rows.get(99)[1]);
        Ui.maximize(viewPart, false);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<double[]> rows(List<String> lines) {
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(",");
            double[] row = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                row[i] = Double.parseDouble(fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
