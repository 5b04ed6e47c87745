package io.avlens.ui.retrieval.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.model.Run;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.project.ProjectSession;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.runs.RunsView;

/**
 * Wires the inspector's panels to the {@link RetrievalController}: the query panel's choices start searches, index
 * builds and metrics in jobs; their answers fill the results table, the compare pane and the metrics panel; clicks
 * on hits play or open them; the shared selection limits the gallery. UI thread only.
 */
public final class InspectorController implements AutoCloseable {

    private final Composite root;
    private final QueryPanel query;
    private final ResultsTable results;
    private final ComparePane compare;
    private final MetricsPanel metrics;
    private final Label status;
    private final TabFolder tabs;
    private final Supplier<AnalysisContext> active;
    private final RetrievalController controller;
    private final TextQueries textQueries;
    private final Supplier<ProjectSessions> sessions;
    private final QueryOffers offers;
    private Instant measuring;
    private Instant measured;
    private Run recorded;
    private int searches;
    private int played;
    private String problem;

    public InspectorController(Composite root, QueryPanel query, ResultsTable results, ComparePane compare,
            MetricsPanel metrics, Label status, TabFolder tabs, Supplier<AnalysisContext> active,
            TextQueries textQueries, Supplier<ProjectSessions> sessions) {
        this.root = root;
        this.sessions = sessions;
        this.textQueries = textQueries;
        this.query = query;
        this.results = results;
        this.compare = compare;
        this.metrics = metrics;
        this.status = status;
        this.tabs = tabs;
        this.active = active;
        this.controller = new RetrievalController(r -> root.getDisplay().asyncExec(() -> {
            if (!root.isDisposed()) {
                r.run();
            }
        }));
        this.offers = new QueryOffers(root, query, controller, textQueries, active);
        query.openButton.addListener(SWT.Selection, e -> askOpen());
        query.splitCombo.addListener(SWT.Selection, e -> controller.setSplit(query.split()));
        query.sharedCheck.addListener(SWT.Selection, e -> controller.setUseShared(query.sharedCheck.getSelection()));
        query.currentButton.addListener(SWT.Selection, e -> useCurrentClip());
        query.toCombo.addListener(SWT.Selection, e -> showRecall());
        query.buildButton.addListener(SWT.Selection, e -> buildIndex());
        query.searchButton.addListener(SWT.Selection, e -> search());
        query.exportButton.addListener(SWT.Selection, e -> askExport("*.csv", "retrieval-hits.csv", true));
        results.onPlay(i -> HitPlayer.play(controller.media(i), window(), () -> played++));
        results.onOpen(i -> HitPlayer.open(controller.media(i), window()));
        results.onCompare(this::compare);
        metrics.computeButton.addListener(SWT.Selection, e -> computeMetrics());
        metrics.jsonButton.addListener(SWT.Selection, e -> askExport("*.json", "retrieval-metrics.json", false));
        metrics.csvButton.addListener(SWT.Selection, e -> askExport("*.csv", "retrieval-metrics.csv", false));
        metrics.recordButton.addListener(SWT.Selection, e -> recordRun());
        metrics.computeButton.setEnabled(false);
    }

    public RetrievalController controller() {
        return controller;
    }

    public ResultsTable results() {
        return results;
    }

    public ComparePane compare() {
        return compare;
    }

    public MetricsPanel metrics() {
        return metrics;
    }

    /** The last problem reported (a search, build or open that failed), or null. */
    public String problem() {
        return problem;
    }

    /** Hits whose playback the Video view has started so far (after decoding their sound). */
    public int played() {
        return played;
    }

    /** Searches answered so far. */
    public int searches() {
        return searches;
    }

    /** The text field's tooltip (why text queries are disabled). */
    public String textTip() {
        return query.textField.isEnabled() ? "" : query.textField.getToolTipText();
    }

    /** The status line. */
    public String status() {
        return status.getText();
    }

    private IWorkbenchWindow window() {
        var w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return w != null ? w : PlatformUI.getWorkbench().getWorkbenchWindows()[0];
    }

    private void askOpen() {
        DirectoryDialog d = new DirectoryDialog(root.getShell());
        d.setText("Open Embedding Table");
        d.setMessage("A folder written by avlens embed (embeddings.json, embeddings.npy, items.csv)");
        String chosen = d.open();
        if (chosen != null) {
            open(Path.of(chosen));
        }
    }

    /** Opens the table in {@code folder}. */
    public void open(Path folder) {
        say("Reading " + folder + "…");
        controller.open(folder, this::opened, this::failed);
    }

    private void opened(EmbeddingTable t) {
        query.setTable(t);
        offers.check(t);
        query.setSplits(controller.splits());
        query.tableLabel.setText(t.model() + ": " + t.size() + " clips × " + t.modalities() + ", D " + t.dimension());
        metrics.computeButton.setEnabled(true);
        metrics.setMetrics(null);
        showRecall();
        say("Opened " + t.size() + " clips of " + t.model());
        query.layout(true, true);
    }

    /**
     * Offers the timeline's selection on the Video view's clip as a span query, or withdraws it (see
     * {@link QueryOffers#followSpan}). Called when the active clip or its time selection changes.
     */
    public void followSpan() {
        offers.followSpan();
    }

    /** Chooses (or not) the selected span as the query; false when no span is offered. */
    public boolean useSpan(boolean on) {
        return offers.useSpan(on);
    }

    /** The span box's text, {@code disabled: } first when it is disabled; for tests. */
    public String spanOffer() {
        return offers.spanOffer();
    }

    /** Whether the open table's text-encoder check has answered (the text field's state is final). */
    public boolean textChecked() {
        return offers.textChecked();
    }

    private void failed(String message) {
        problem = message;
        say(message);
    }

    private void say(String text) {
        status.setText(text);
    }

    /** Chooses the query: clip {@code id} in modality {@code from}, against {@code to}, k, exact or approximate. */
    public void setQuery(String id, String from, String to, int k, boolean approximate) {
        query.clipCombo.select(controller.table().items().stream().map(i -> i.id()).toList().indexOf(id));
        query.fromCombo.select(controller.table().modalities().indexOf(from));
        query.toCombo.select(controller.table().modalities().indexOf(to));
        query.kSpinner.setSelection(k);
        query.approximateCheck.setSelection(approximate);
        showRecall();
    }

    /** Types {@code text} into the text query field (empty: query by the chosen clip again). */
    public void setText(String text) {
        query.textField.setText(text);
    }

    /** The query chosen. */
    public RetrievalQuery query() {
        return query.query();
    }

    /** Queries with the clip the Video view shows, else the shared selection's first clip of the table. */
    public void useCurrentClip() {
        AnalysisContext a = active.get();
        int item = a == null ? -1 : controller.itemOf(a.file());
        for (Path p : controller.shared()) {
            item = item >= 0 ? item : controller.itemOf(p);
        }
        if (item < 0) {
            say("Neither the Video view's clip nor the shared selection is a clip of this table");
            return;
        }
        query.clipCombo.select(item);
        say("Query: " + controller.table().item(item).id());
    }

    /** Runs the query chosen in a job. */
    public void search() {
        RetrievalQuery q = query.query();
        if (q.approximate() && controller.gallery() == null && !controller.hasIndex(q.to())) {
            if (MessageDialog.openQuestion(root.getShell(), "No Approximate Index", "The table has no approximate"
                    + " index of " + q.to() + " yet. Build it now (in a job), then search?")) {
                buildIndex();
            }
            return;
        }
        say((q.span() != null ? "Searching " + q.span().label() + " (" + q.from() + ")→" + q.to()
                : q.item() < 0 ? "Searching “" + q.text() + "” (text)→" + q.to()
                : "Searching " + q.from() + "→" + q.to()) + " in " + controller.galleryName() + "…");
        controller.search(q, r -> {
            searches++;
            results.show(r, controller.table(), controller::media);
            tabs.setSelection(0);
            long relevant = r.relevance().stream().filter(Relevance::relevant).count();
            say(String.format(Locale.ROOT, "%d hits of %d clips (%s, %s); %d relevant by the labels.  %s",
                    r.hits().size(), r.gallerySize(), controller.galleryName(), r.approximate() ? "approximate"
                            : "exact", relevant, ResultsTable.HINT));
        }, this::failed);
    }

    /** Builds the approximate index of the target modality in a job. */
    public void buildIndex() {
        String to = query.toCombo.getText();
        say("Building the approximate index of " + to + "…");
        query.buildButton.setEnabled(false);
        controller.buildIndex(to, recall -> {
            query.buildButton.setEnabled(true);
            showRecall();
            say(String.format(Locale.ROOT, "Built the index of %s: recall@10 %.3f against exact search", to, recall));
        }, m -> {
            query.buildButton.setEnabled(true);
            failed(m);
        });
    }

    private void showRecall() {
        if (controller.table() == null) {
            return;
        }
        String to = query.toCombo.getText();
        var recall = controller.indexRecall(to);
        query.recallLabel.setText(recall.isPresent() ? String.format(Locale.ROOT,
                "index of %s: recall@10 %.3f vs exact (measured when built)", to, recall.getAsDouble())
                : "no approximate index of " + to + " yet");
    }

    /** The gallery limited to a split ("" for all). */
    public void setSplit(String split) {
        query.splitCombo.select(Math.max(0, List.of(query.splitCombo.getItems()).indexOf(split)));
        controller.setSplit(query.split());
    }

    /** Follows a selection published by another part: its elements that adapt to media files. */
    public void followSelection(Object selection) {
        if (!(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        Set<Path> files = new HashSet<>();
        for (Object o : s.toList()) {
            Path p = Adapters.adapt(o, Path.class);
            if (p != null) {
                files.add(p.toAbsolutePath().normalize());
            }
        }
        if (!files.isEmpty() && !root.isDisposed()) {
            controller.setShared(files);
            query.sharedCheck.setText("shared selection (" + files.size() + ")");
            query.layout(true, true);
        }
    }

    /** Limits the gallery to the shared selection (when it has clips of the table). */
    public void setUseShared(boolean on) {
        query.sharedCheck.setSelection(on);
        controller.setUseShared(on);
    }

    private void compare(int a, int b) {
        RetrievalController.Results r = results.results();
        if (r.query().item() < 0) {
            say("Compare shows two hits beside their query clip: run a clip query to compare (this one was "
                    + (r.query().span() != null ? "a time span" : "typed text") + ")");
            return;
        }
        compare.show(controller.table(), r, a, b, item -> results.strip(controller.media(item), () -> refresh(r, a,
                b)));
        tabs.setSelection(1);
    }

    private void refresh(RetrievalController.Results r, int a, int b) {
        if (!compare.isDisposed() && results.results() == r) {
            int[] shown = {r.query().item(), a, b};
            for (int i = 0; i < 3; i++) {
                compare.setImages(i, results.strip(controller.media(shown[i]), () -> { }));
            }
            compare.layout(true, true);
        }
    }

    /** Computes the gallery's metrics in a job. */
    public void computeMetrics() {
        say("Measuring retrieval on " + controller.galleryName() + "…");
        Instant start = Instant.now();
        controller.metrics(m -> {
            measuring = start;
            measured = Instant.now();
            metrics.setMetrics(m);
            say("Measured retrieval on " + m.gallery() + " (" + m.n() + " clips)");
        }, this::failed);
    }

    /**
     * Records the metrics shown as a Run of the open project that holds the table's clips (else the only open one),
     * experiment {@code retrieval-<model>}, and shows it in the Runs view; returns it, or null (the status line says
     * why).
     */
    public Run recordRun() {
        GalleryMetrics m = metrics.metrics();
        if (m == null) {
            say("Compute the metrics first");
            return null;
        }
        ProjectSessions open = sessions.get();
        ProjectSession target = open == null ? null : RunRecorder.target(open.all(), controller.folder(),
                controller.media(0));
        if (target == null) {
            failed("Record as Run needs the project of these clips open (File › Open Project…)"
                    + (open == null || open.all().isEmpty() ? "; none is open" : "; several are open and none"
                            + " holds the table's clips"));
            return null;
        }
        try {
            Instant end = measured != null ? measured : Instant.now();
            recorded = RunRecorder.record(target, m, controller.table().model(), measuring != null ? measuring : end,
                    end);
        } catch (IOException e) {
            failed("Record as Run: " + e.getMessage());
            return null;
        }
        say("Recorded run " + recorded.getId() + " of experiment "
                + ((io.avlens.model.Experiment) recorded.eContainer()).getId() + " in " + target.folder().getFileName()
                + " (save the project to keep it)");
        try {
            IViewPart runs = window().getActivePage().showView(RunsView.ID, null, IWorkbenchPage.VIEW_VISIBLE);
            if (runs instanceof RunsView v) {
                v.select(recorded);
            }
        } catch (PartInitException e) {
            failed("Recorded run " + recorded.getId() + ", but the Runs view cannot open: " + e.getMessage());
        }
        return recorded;
    }

    /** Writes the ranked list as CSV. */
    public void exportHits(Path file) throws IOException {
        RetrievalExport.writeHits(file, results.results(), controller::media);
    }

    /** Writes the metrics as JSON or CSV. */
    public void exportMetrics(Path file) throws IOException {
        RetrievalExport.writeMetrics(file, metrics.metrics());
    }

    private void askExport(String extension, String name, boolean hits) {
        if (hits ? results.results() == null : metrics.metrics() == null) {
            say(hits ? "Search first: there is no list to export" : "Compute the metrics first");
            return;
        }
        FileDialog d = new FileDialog(root.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] {extension});
        d.setFileName(name);
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen != null) {
            try {
                if (hits) {
                    exportHits(Path.of(chosen));
                } else {
                    exportMetrics(Path.of(chosen));
                }
                say("Wrote " + chosen);
            } catch (IOException e) {
                failed(chosen + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        controller.close();
        textQueries.close();
    }
}
