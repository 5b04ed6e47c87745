package io.avlens.ui.retrieval;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.workbench.modeling.ISelectionListener;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

import io.avlens.core.event.AvLensTopics;
import io.avlens.core.event.TimeSelectionChanged;
import io.avlens.ui.context.AnalysisContext;
import io.avlens.ui.context.AnalysisContexts;
import io.avlens.ui.project.ProjectSessions;
import io.avlens.ui.retrieval.internal.ComparePane;
import io.avlens.models.BuiltinModels;
import io.avlens.models.QueryEncoderCatalog;
import io.avlens.ui.retrieval.internal.InspectorController;
import io.avlens.ui.retrieval.internal.TextQueries;
import io.avlens.ui.retrieval.internal.MetricsPanel;
import io.avlens.ui.retrieval.internal.QueryPanel;
import io.avlens.ui.retrieval.internal.ResultsTable;
import io.avlens.ui.retrieval.internal.RetrievalController;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.eclipse.ui.PlatformUI;
import org.eclipse.e4.core.contexts.IEclipseContext;

import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The retrieval inspector: a query (a clip of an embedding table, in one modality) ranks a gallery (the table, a
 * split, the shared selection's clips) in a target modality through {@code io.avlens.analysis.search}, the search
 * path of {@code avlens retrieve}; the ranked hits show frames, a spectrogram, the narration and whether the labels
 * call them relevant, play on a click and compare two at a time; the Metrics tab measures the whole gallery as
 * {@code avlens eval --task retrieval} does. The panels are in {@code internal}; {@link InspectorController} wires
 * them.
 */
public class RetrievalView {

    /** The view id. */
    public static final String ID = "io.avlens.ui.retrieval.views.retrieval";
    /** Tabs. */
    public static final int RESULTS = 0, COMPARE = 1, METRICS = 2;

    @Inject
    @Optional
    private ESelectionService selection;
    @Inject
    @Optional
    private QueryEncoderCatalog encoders;
    @Inject
    @Optional
    private BuiltinModels builtins;
    @Inject
    @Optional
    private ProjectSessions sessions;
    private InspectorController wiring;
    private final ISelectionListener selectionListener = (part, sel) -> {
        if (wiring != null && part != null && !ID.equals(part.getElementId())) {
            wiring.followSelection(sel);
        }
    };
    private TabFolder tabs;
    private AnalysisContext active;

    @PostConstruct
    void createControls(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 2).applyTo(parent);
        QueryPanel query = new QueryPanel(parent);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(query);
        tabs = new TabFolder(parent, SWT.TOP);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        ResultsTable results = new ResultsTable(tabs);
        ComparePane compare = new ComparePane(tabs);
        MetricsPanel metrics = new MetricsPanel(tabs);
        tab("Results", results.control());
        tab("Compare", compare);
        tab("Metrics", metrics);
        Label status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        wiring = new InspectorController(parent, query, results, compare, metrics, status, tabs, () -> active,
                new TextQueries(encoders, builtins), () -> sessions != null ? sessions
                        : PlatformUI.getWorkbench().getService(IEclipseContext.class).get(ProjectSessions.class));
        if (selection != null) {
            selection.addSelectionListener(selectionListener);
        }
    }

    private void tab(String text, org.eclipse.swt.widgets.Control control) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(text);
        item.setControl(control);
    }

    /** The active analysis (the clip the Video view shows), offered as the query by "Current Clip". */
    @Inject
    @Optional
    void setActive(@Named(AnalysisContexts.ACTIVE) AnalysisContext context) {
        active = context;
        if (wiring != null) {
            wiring.followSpan();
        }
    }

    /** The time selection changed: offer the selected span of the active clip as a query. */
    @Inject
    @Optional
    void timeSelectionChanged(@UIEventTopic(AvLensTopics.TIME_SELECTION) TimeSelectionChanged event) {
        if (wiring != null && active != null && active.id().equals(event.contextId())) {
            wiring.followSpan();
        }
    }

    @PreDestroy
    void dispose() {
        if (selection != null) {
            selection.removeSelectionListener(selectionListener);
        }
        if (wiring != null) {
            wiring.close();
        }
    }

    /** Opens the embedding table in {@code folder} (read in a job). */
    public void open(Path folder) {
        wiring.open(folder);
    }

    /** The inspector's wiring, for tests and commands. */
    public InspectorController inspector() {
        return wiring;
    }

    /** The search state (table, gallery). */
    public RetrievalController controller() {
        return wiring.controller();
    }

    /** Shows tab {@link #RESULTS}, {@link #COMPARE} or {@link #METRICS}. */
    public void showTab(int tab) {
        tabs.setSelection(tab);
    }

    /** The tab shown. */
    public int tab() {
        return tabs.getSelectionIndex();
    }

    /** The clip ids of the table, in the query list's order. */
    public List<String> clips() {
        return wiring.controller().table() == null ? List.of()
                : wiring.controller().table().items().stream().map(i -> i.id()).toList();
    }
}
