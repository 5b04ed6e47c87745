/** Event topics and immutable payloads that link views through shared time and selection. */
package io.avlens.core.event;
