/** The command-line API: commands as OSGi services declaring their arguments, parsing, help and errors. */
package io.avlens.cli.command;
