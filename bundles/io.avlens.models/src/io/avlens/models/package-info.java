/**
 * The models built into AV Lens as a service: {@link io.avlens.models.BuiltinModels} puts them into a models folder
 * so the inference service and the model catalog treat them like imported models.
 */
package io.avlens.models;
