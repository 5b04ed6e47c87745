/** The XMI project store: reading (with schema checks and migration), atomic saving, validation. */
package io.avlens.model.store.internal;
