package io.avlens.ui.project.editor;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EStructuralFeature;

import io.avlens.model.AvLensPackage;
import io.avlens.model.Parameter;

/** The kinds of experiment parameter, with the EMF class and the feature that holds each one's value. */
enum ParameterType {
    INTEGER("integer", AvLensPackage.Literals.INTEGER_PARAMETER, AvLensPackage.Literals.INTEGER_PARAMETER__VALUE),
    REAL("real", AvLensPackage.Literals.REAL_PARAMETER, AvLensPackage.Literals.REAL_PARAMETER__VALUE),
    TEXT("text", AvLensPackage.Literals.TEXT_PARAMETER, AvLensPackage.Literals.TEXT_PARAMETER__VALUE),
    BOOLEAN("boolean", AvLensPackage.Literals.BOOLEAN_PARAMETER, AvLensPackage.Literals.BOOLEAN_PARAMETER__VALUE),
    INTEGER_LIST("integer list", AvLensPackage.Literals.INTEGER_LIST_PARAMETER,
            AvLensPackage.Literals.INTEGER_LIST_PARAMETER__VALUES),
    REAL_LIST("real list", AvLensPackage.Literals.REAL_LIST_PARAMETER,
            AvLensPackage.Literals.REAL_LIST_PARAMETER__VALUES);

    private final String label;
    private final EClass eClass;
    private final EStructuralFeature value;

    ParameterType(String label, EClass eClass, EStructuralFeature value) {
        this.label = label;
        this.eClass = eClass;
        this.value = value;
    }

    /** The name a user sees, e.g. "real list". */
    String label() {
        return label;
    }

    /** The feature holding the value: single-valued for scalars, many-valued for lists. */
    EStructuralFeature valueFeature() {
        return value;
    }

    boolean isList() {
        return value.isMany();
    }

    /** A new, detached parameter of this type with EMF's default value. */
    Parameter create() {
        return (Parameter) eClass.getEPackage().getEFactoryInstance().create(eClass);
    }

    /** The type of {@code parameter}. */
    static ParameterType of(Parameter parameter) {
        for (ParameterType type : values()) {
            if (type.eClass == parameter.eClass()) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a known parameter type: " + parameter.eClass().getName());
    }
}
