package io.avlens.ui.project;

import java.util.Locale;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.resource.ResourceManager;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.swt.graphics.Image;

import io.avlens.model.Annotation;
import io.avlens.model.Bookmark;
import io.avlens.model.Clip;
import io.avlens.model.Dataset;
import io.avlens.model.Experiment;
import io.avlens.model.Label;
import io.avlens.model.ModelDescriptor;
import io.avlens.model.Narration;
import io.avlens.model.ObjectTrack;
import io.avlens.model.Run;
import io.avlens.model.RunStatus;
import io.avlens.model.SoundEvent;

/**
 * Names, icons and grey details of the explorer's nodes: a clip shows its length, size and rate at a glance, a run
 * its status, a dirty project a leading "*".
 */
public final class ExplorerLabelProvider extends LabelProvider implements IStyledLabelProvider {

    private final ResourceManager images;

    /** @param images where the icons are allocated; the caller owns (and disposes) it */
    public ExplorerLabelProvider(ResourceManager images) {
        this.images = images;
    }

    @Override
    public String getText(Object element) {
        return getStyledText(element).getString();
    }

    @Override
    public StyledString getStyledText(Object element) {
        StyledString text = new StyledString();
        if (element instanceof ProjectSession session) {
            text.append((session.isDirty() ? "*" : "") + session.project().getName());
            text.append("  " + session.folder(), StyledString.DECORATIONS_STYLER);
        } else if (element instanceof ExplorerFolder folder) {
            text.append(folder.kind().label());
            text.append("  " + folder.children().size(), StyledString.COUNTER_STYLER);
        } else if (element instanceof Dataset dataset) {
            text.append(dataset.getName());
            int clips = dataset.getClips().size();
            text.append("  " + clips + (clips == 1 ? " clip" : " clips"), StyledString.COUNTER_STYLER);
        } else if (element instanceof Clip clip) {
            text.append(clip.getId());
            text.append("  " + clipDetails(clip), StyledString.DECORATIONS_STYLER);
        } else if (element instanceof ModelDescriptor model) {
            text.append(model.getId());
            if (model.getFamily() != null) {
                text.append("  " + model.getFamily(), StyledString.DECORATIONS_STYLER);
            }
        } else if (element instanceof Experiment experiment) {
            text.append(experiment.getId());
            text.append("  " + java.util.Objects.requireNonNullElse(experiment.getKind(), "(no kind)"), StyledString.DECORATIONS_STYLER);
        } else if (element instanceof Run run) {
            text.append(run.getId());
            text.append("  " + run.getStatus().getLiteral(), StyledString.DECORATIONS_STYLER);
        } else if (element instanceof Annotation annotation) {
            text.append(annotationText(annotation));
        } else if (element instanceof Label label) {
            text.append(label.getKey() + " = " + label.getValue());
        } else if (element != null) {
            text.append(element.toString());
        }
        return text;
    }

    private static String clipDetails(Clip clip) {
        StringBuilder details = new StringBuilder(String.format(Locale.ROOT, "%.2f s", clip.getDuration()));
        if (clip.getFrameWidth() > 0) {
            details.append(String.format(Locale.ROOT, "  %d×%d  %.3g fps", clip.getFrameWidth(),
                    clip.getFrameHeight(), clip.getFps()));
        }
        if (clip.isHasAudio()) {
            details.append("  ").append(clip.getSampleRate()).append(" Hz");
        }
        if (clip.getSplit() != null) {
            details.append("  [").append(clip.getSplit().getName()).append(']');
        }
        return details.toString();
    }

    static String annotationText(Annotation annotation) {
        if (annotation instanceof SoundEvent event) {
            String what = String.join(" ", nonNull(event.getMaterial()), nonNull(event.getAction())).trim();
            return String.format(Locale.ROOT, "%s at %.3f s%s%s", what.isEmpty() ? "sound" : what, event.getStart(),
                    event.getDuration() > 0 ? String.format(Locale.ROOT, " for %.3f s", event.getDuration()) : "",
                    event.getObjectId() != null ? " (object " + event.getObjectId() + ")" : "");
        }
        if (annotation instanceof ObjectTrack track) {
            return "object " + nonNull(track.getObjectId()) + " masks: " + track.getMasksLocation();
        }
        if (annotation instanceof Narration narration) {
            return "“" + nonNull(narration.getText()) + "”";
        }
        if (annotation instanceof Bookmark bookmark) {
            return String.format(Locale.ROOT, "bookmark at %.3f s %s", bookmark.getTime(), nonNull(bookmark.getNote()));
        }
        return annotation.eClass().getName();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    @Override
    public Image getImage(Object element) {
        String icon;
        if (element instanceof ProjectSession) {
            icon = "project16.png";
        } else if (element instanceof ExplorerFolder) {
            icon = "folder16.png";
        } else if (element instanceof Dataset) {
            icon = "dataset16.png";
        } else if (element instanceof Clip) {
            icon = "clip16.png";
        } else if (element instanceof ModelDescriptor) {
            icon = "model16.png";
        } else if (element instanceof Experiment) {
            icon = "experiment16.png";
        } else if (element instanceof Run run) {
            icon = "run_" + (run.getStatus() == null ? RunStatus.PENDING : run.getStatus()).getLiteral() + "16.png";
        } else if (element instanceof Annotation || element instanceof Label) {
            icon = "annotation16.png";
        } else {
            return null;
        }
        return images.create(icon(icon));
    }

    /** One of io.avlens.ui's icons. */
    public static ImageDescriptor icon(String name) {
        return ResourceLocator.imageDescriptorFromBundle(ExplorerLabelProvider.class, "icons/" + name)
                .orElseGet(ImageDescriptor::getMissingImageDescriptor);
    }
}
