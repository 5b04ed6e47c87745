/** Reusable SWT widgets for AV Lens views: colour-mapped heatmaps with axes and colour bars. */
package io.avlens.ui.widgets;
