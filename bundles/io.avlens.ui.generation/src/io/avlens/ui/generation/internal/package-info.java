/** Handlers and property testers of the generation views. */
package io.avlens.ui.generation.internal;
