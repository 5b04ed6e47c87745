/**
 * The shared time of an open clip or experiment: one {@link io.avlens.ui.context.AnalysisContext} per analysis,
 * kept by the {@link io.avlens.ui.context.AnalysisContexts} of the workbench and injected into parts through an
 * e4 context function; changes travel as {@link io.avlens.core.event.AnalysisEvent}s over the event broker.
 */
package io.avlens.ui.context;
