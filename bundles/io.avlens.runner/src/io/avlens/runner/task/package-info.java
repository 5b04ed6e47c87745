/**
 * The runner's extension point: {@link io.avlens.runner.task.ClipTask}s that model bundles register as DS services.
 */
package io.avlens.runner.task;
