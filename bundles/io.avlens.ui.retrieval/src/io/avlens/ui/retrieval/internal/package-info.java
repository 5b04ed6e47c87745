/** The inspector's panels, its controller and jobs, thumbnails and exports, for the view and its tests. */
package io.avlens.ui.retrieval.internal;
