package io.avlens.ui.retrieval.internal;

import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Composite;

import io.avlens.analysis.embedding.EmbeddingTable;
import io.avlens.ui.context.AnalysisContext;

/**
 * The queries from outside the table that the inspector offers: typed text and a time span of the Video view's clip,
 * both through the table's model's query encoders ({@link TextQueries}). Whether the model has them is found out in
 * a job when a table opens (it may install the built-in models and look up services: never on the UI thread); until
 * then the text field and the span box stay disabled, saying so. UI thread.
 */
final class QueryOffers {

    private final Composite root;
    private final QueryPanel query;
    private final RetrievalController controller;
    private final TextQueries textQueries;
    private final Supplier<AnalysisContext> active;
    private boolean textChecked;
    private String whyNoSpan = QueryPanel.NO_SPAN;

    QueryOffers(Composite root, QueryPanel query, RetrievalController controller, TextQueries textQueries,
            Supplier<AnalysisContext> active) {
        this.root = root;
        this.query = query;
        this.controller = controller;
        this.textQueries = textQueries;
        this.active = active;
    }

    /** Looks up, in a job, whether the model of the table {@code t} just opened encodes text and spans. */
    void check(EmbeddingTable t) {
        controller.setTextEncoder(null);
        controller.setSpanEncoder(null);
        whyNoSpan = "Looking for the encoders of " + t.model() + "…";
        followSpan();
        query.setTextUnavailable("Looking for the text encoder of " + t.model() + "…");
        textChecked = false;
        Job job = Job.create("Looking for the text encoder of " + t.model(), (IProgressMonitor m) -> {
            String why = textQueries.unavailable(t.model());
            String whyNot = textQueries.spanUnavailable(t.model());
            root.getDisplay().asyncExec(() -> {
                if (root.isDisposed() || controller.table() != t) {
                    return; // another table was opened meanwhile: its own check answers
                }
                query.setTextUnavailable(why);
                controller.setTextEncoder(why != null ? null : text -> textQueries.encode(t.model(), text));
                whyNoSpan = whyNot;
                controller.setSpanEncoder(whyNot != null ? null : (span, modality) -> textQueries.span(t.model(),
                        span, modality));
                textChecked = true;
                followSpan();
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    /**
     * Offers the timeline's selection on the Video view's clip as a span query (when there is a selection, not a
     * mere cursor, and the table's model can embed a span), or withdraws it.
     */
    void followSpan() {
        if (root.isDisposed()) {
            return;
        }
        AnalysisContext a = active.get();
        RetrievalQuery.Span span = null;
        if (a != null && !a.selection().isCursor() && controller.table() != null) {
            var range = a.selection().range();
            span = new RetrievalQuery.Span(a.file().toAbsolutePath().normalize(), range.start(), range.end(),
                    controller.itemOf(a.file()));
        }
        query.setSpan(span, span == null ? null : whyNoSpan);
        query.layout(true, true);
    }

    /** Chooses (or not) the selected span as the query; false when no span is offered. */
    boolean useSpan(boolean on) {
        query.wantSpan(on);
        return query.spanCheck.getSelection();
    }

    /** The span box's text, {@code disabled: } first when it is disabled. */
    String spanOffer() {
        return (query.spanCheck.isEnabled() ? "" : "disabled: ") + query.spanCheck.getText();
    }

    /** Whether the open table's check has answered (the text field's and span box's state is final). */
    boolean textChecked() {
        return textChecked;
    }
}
