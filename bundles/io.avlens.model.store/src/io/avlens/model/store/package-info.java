/**
 * Project files: the {@link io.avlens.model.store.ProjectStore} service creates, opens, saves and validates the
 * {@code project.avlens} file of a project folder without ever losing what was in it; {@link
 * io.avlens.model.store.ProjectMigration} services bring files of older schema versions up to date.
 */
package io.avlens.model.store;
