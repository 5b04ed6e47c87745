/**
 * Nearest-neighbour search over embedding galleries: exact k-NN by inner product or cosine over an {@code [N, D]}
 * float32 table ({@link io.avlens.analysis.search.ExactSearch}: rows split across threads, the dot product fused with
 * a bounded top-k heap, the JDK Vector API where the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, plain Java otherwise), and an approximate graph index
 * ({@link io.avlens.analysis.search.ApproximateIndex}, jvector) for galleries of millions of rows, built with
 * progress and cancel, saved beside its table with its recall@10 against exact search.
 */
package io.avlens.analysis.search;
