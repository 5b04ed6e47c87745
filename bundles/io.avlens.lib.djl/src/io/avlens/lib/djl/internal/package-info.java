/** The bundle activator that starts DJL's engine with this bundle's class loader. */
package io.avlens.lib.djl.internal;
