/**
 * Model descriptors ({@code model.json} next to the weights: id, family, source, weights and their SHA-256, the
 * preprocessing profile, named inputs and outputs with symbolic shapes) and the check of a clip against a
 * model's contract.
 */
package io.avlens.inference.descriptor;
