package io.avlens.ui.embeddings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.widgets.Control;

import io.avlens.analysis.embedding.Agreement;
import io.avlens.analysis.embedding.EmbeddingItem;
import io.avlens.analysis.embedding.EmbeddingTable;

/**
 * What hovering a clip shows: its card (id and split, narration, pairwise similarities, the coloured value) at once,
 * and its frame when {@link ClipSnapshots} has decoded it. UI thread.
 */
public final class HoverController implements AutoCloseable {

    private final Control owner;
    private final HoverCard card;
    private final ClipSnapshots snapshots = new ClipSnapshots();

    public HoverController(Control owner) {
        this.owner = owner;
        this.card = new HoverCard(owner);
    }

    /** Shows clip {@code item} of {@code table} at {@code (x, y)} of the owner, or hides the card for -1. */
    public void hover(EmbeddingTable table, MediaPaths media, Colouring colouring, int item, int x, int y) {
        if (item < 0) {
            card.hide();
            return;
        }
        List<String> text = lines(table, colouring, item);
        card.show(item, x, y, text);
        snapshots.request(media.resolve(table.item(item).media()), HoverCard.FRAME, (snapshot, error) ->
                owner.getDisplay().asyncExec(() -> {
                    if (owner.isDisposed() || card.clip() != item) {
                        return;
                    }
                    List<String> more = new ArrayList<>(text);
                    if (snapshot != null) {
                        card.setFrame(item, snapshot.frame());
                        more.add(String.format(Locale.ROOT, "frame at %.2f s: %s", snapshot.time(), snapshot.why()));
                    } else {
                        more.add(error);
                    }
                    card.show(item, x, y, more);
                }));
    }

    /**
     * The card's text of clip {@code item}: id (split), narration, pairwise similarities and the agreement when the
     * table has it, coloured value.
     */
    public static List<String> lines(EmbeddingTable table, Colouring colouring, int item) {
        EmbeddingItem it = table.item(item);
        List<String> out = new ArrayList<>();
        out.add(it.id() + (it.split().isEmpty() ? "" : " (" + it.split() + ")"));
        out.add(it.narration().isEmpty() ? "(no narration)" : "“" + it.narration() + "”");
        List<String> mods = table.modalities();
        StringBuilder sims = new StringBuilder();
        for (int a = 0; a < mods.size(); a++) {
            for (int b = a + 1; b < mods.size(); b++) {
                sims.append(String.format(Locale.ROOT, "%s–%s %.3f  ", mods.get(a), mods.get(b),
                        table.similarity(item, a, b)));
            }
        }
        String agreement = it.label(Agreement.LABEL);
        if (!agreement.isEmpty()) {
            try {
                sims.append(String.format(Locale.ROOT, "agreement %.3f", Double.parseDouble(agreement)));
            } catch (NumberFormatException e) {
                sims.append("agreement ").append(agreement);
            }
        }
        out.add(sims.toString().trim());
        out.add(colouring.variable() + ": " + colouring.valueText(item * mods.size()));
        return out;
    }

    public HoverCard card() {
        return card;
    }

    @Override
    public void close() {
        snapshots.close();
    }
}
