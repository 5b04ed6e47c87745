/** Media time in seconds: ranges and selections shared by every view. */
package io.avlens.core.time;
