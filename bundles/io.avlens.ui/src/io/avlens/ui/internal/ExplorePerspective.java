package io.avlens.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import io.avlens.ui.project.ProjectExplorerView;
import io.avlens.ui.runs.RunsView;
import io.avlens.ui.tensor.TensorView;

/**
 * "Explore": the analysis views around the centre. Views contributed by later AV Lens bundles (explorer, video,
 * timeline, similarity, heatmaps) have their places reserved by id pattern, so they open where a user expects.
 */
public class ExplorePerspective implements IPerspectiveFactory {

    /** The perspective id. */
    public static final String ID = "io.avlens.ui.perspectives.explore";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editorArea = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("io.avlens.ui.folders.left", IPageLayout.LEFT, 0.26f, editorArea);
        left.addView(ProjectExplorerView.ID);
        IFolderLayout properties = layout.createFolder("io.avlens.ui.folders.properties", IPageLayout.BOTTOM, 0.62f,
                "io.avlens.ui.folders.left");
        properties.addView(IPageLayout.ID_PROP_SHEET);
        IFolderLayout centre = layout.createFolder("io.avlens.ui.folders.centre", IPageLayout.RIGHT, 0.78f, editorArea);
        centre.addView(TensorView.ID);
        centre.addPlaceholder("io.avlens.ui.*.views.*");
        centre.addPlaceholder("io.avlens.ui.similarity.views.similarity"); // e4 ignores the wildcard above
        centre.addPlaceholder("io.avlens.ui.training.views.training");
        // the time axis spans the width under the picture and the analysis views
        IFolderLayout time = layout.createFolder("io.avlens.ui.folders.time", IPageLayout.BOTTOM, 0.58f,
                "io.avlens.ui.folders.centre");
        time.addPlaceholder("io.avlens.ui.media.views.timeline");
        IFolderLayout video = layout.createFolder("io.avlens.ui.folders.video", IPageLayout.LEFT, 0.42f,
                "io.avlens.ui.folders.centre");
        video.addPlaceholder("io.avlens.ui.media.views.video");
        IFolderLayout bottom = layout.createFolder("io.avlens.ui.folders.bottom", IPageLayout.BOTTOM, 0.72f,
                "io.avlens.ui.folders.time");
        bottom.addPlaceholder("io.avlens.ui.views.runs*");
        bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(TensorView.ID);
        layout.addShowViewShortcut(ProjectExplorerView.ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(RunsView.ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
    }
}
