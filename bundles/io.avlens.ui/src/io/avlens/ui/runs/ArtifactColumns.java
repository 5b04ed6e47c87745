package io.avlens.ui.runs;

import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;

import io.avlens.model.Artifact;
import io.avlens.ui.widgets.KeyWords;

/** The columns of the artifacts table: name, kind, shape (with dtype) and location relative to the project. */
final class ArtifactColumns {

    private ArtifactColumns() {
    }

    static void create(TableViewer viewer) {
        column(viewer, "Artifact", 160, Artifact::getName);
        column(viewer, "Kind", 150, a -> a.getKind() == null ? "" : KeyWords.of(a.getKind().getLiteral()));
        column(viewer, "Shape", 140, ArtifactColumns::shape);
        column(viewer, "Location", 360, Artifact::getLocation);
    }

    /** "250 × 250 float32", or "" without a shape. */
    static String shape(Artifact artifact) {
        String shape = artifact.getShape().stream().map(String::valueOf).collect(Collectors.joining(" × "));
        String dtype = artifact.getDtype() == null ? "" : artifact.getDtype();
        return (shape + " " + dtype).trim();
    }

    private static void column(TableViewer viewer, String title, int width, Function<Artifact, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                String value = text.apply((Artifact) element);
                return value == null ? "" : value;
            }
        });
    }
}
