package io.avlens.synth.internal;

import io.avlens.synth.Material;
import io.avlens.synth.ShapeKind;

/**
 * One object of a scene and where it is in every frame.
 *
 * @param id       1, 2, 3: its value in the instance masks
 * @param shape    outline
 * @param material look and sound
 * @param action   {@code hit} (falls and bounces), {@code scratch} (slides on the floor) or {@code silent} (floats
 *                 without touching anything)
 * @param radius   circumradius, pixels
 * @param x        centre per frame, pixels from the left
 * @param y        centre per frame, pixels from the top
 */
public record SceneObject(int id, ShapeKind shape, Material material, String action, double radius, double[] x,
        double[] y) {

    /** Half the width of the outline, pixels (walls stop it there). */
    public double halfWidth() {
        return switch (shape) {
            case CIRCLE -> radius;
            case SQUARE -> 0.8 * radius;
            case TRIANGLE -> 0.866 * radius;
        };
    }

    /** Distance from the centre down to the lowest point, pixels (the floor stops it there). */
    public double bottom() {
        return switch (shape) {
            case CIRCLE -> radius;
            case SQUARE -> 0.8 * radius;
            case TRIANGLE -> 0.5 * radius;
        };
    }

    /** Distance from the centre up to the highest point, pixels. */
    public double top() {
        return shape == ShapeKind.SQUARE ? 0.8 * radius : radius;
    }
}
