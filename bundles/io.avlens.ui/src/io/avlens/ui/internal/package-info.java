/** The workbench application, window, menus and the Explore perspective. */
package io.avlens.ui.internal;
