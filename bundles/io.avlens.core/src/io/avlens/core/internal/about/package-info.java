/** Version providers of the platform and Java, and the report that merges all providers. */
package io.avlens.core.internal.about;
