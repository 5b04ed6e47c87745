/** The headless application, the dispatcher service and the built-in commands. */
package io.avlens.cli.internal;
