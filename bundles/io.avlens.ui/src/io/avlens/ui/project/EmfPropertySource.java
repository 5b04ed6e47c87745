package io.avlens.ui.project;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.command.Command;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EDataType;
import org.eclipse.emf.ecore.EEnum;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.edit.command.SetCommand;
import org.eclipse.emf.edit.provider.IItemLabelProvider;
import org.eclipse.emf.edit.provider.IItemPropertyDescriptor;
import org.eclipse.emf.edit.provider.IItemPropertySource;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.ICellEditorValidator;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.avlens.model.AvLensPackage;

/**
 * The Properties view's face of a model object: EMF.Edit's item property descriptors (reflective, from the model)
 * turned into JFace property descriptors, with edits made as {@link SetCommand}s on the project's command stack so
 * they can be undone. Numbers and texts are edited as text and parsed with the attribute's own data type (a value
 * that does not parse is refused with the reason, nothing changes); enums, booleans and single references are
 * picked from a list; many-valued features are shown, not edited here.
 * <p>
 * What AV Lens measured or computed is shown read-only: a clip's probed duration, rate and size, everything of a
 * run, and the schema version.
 */
public final class EmfPropertySource implements IPropertySource {

    private static final AvLensPackage P = AvLensPackage.eINSTANCE;

    /** Features a user must not edit in place: measured by the media layer or written by a run. */
    private static final Set<EStructuralFeature> MEASURED = Set.of(P.getProject_SchemaVersion(),
            P.getClip_Duration(), P.getClip_Fps(), P.getClip_FrameWidth(), P.getClip_FrameHeight(),
            P.getClip_SampleRate(), P.getClip_HasAudio(), P.getModelDescriptor_WeightsSha256());

    private final ProjectSession session;
    private final EObject object;
    private final IItemPropertySource itemSource;

    public EmfPropertySource(ProjectSession session, EObject object) {
        this.session = session;
        this.object = object;
        this.itemSource = (IItemPropertySource) session.adapterFactory().adapt(object, IItemPropertySource.class);
    }

    @Override
    public Object getEditableValue() {
        return object;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        if (itemSource == null) {
            return new IPropertyDescriptor[0];
        }
        List<IPropertyDescriptor> descriptors = new ArrayList<>();
        for (IItemPropertyDescriptor item : itemSource.getPropertyDescriptors(object)) {
            descriptors.add(new Descriptor(item));
        }
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    private EStructuralFeature featureOf(Object id) {
        return id instanceof IItemPropertyDescriptor item && item.getFeature(object) instanceof EStructuralFeature f
                ? f : null;
    }

    @Override
    public Object getPropertyValue(Object id) {
        EStructuralFeature feature = featureOf(id);
        return feature == null ? null : object.eGet(feature);
    }

    @Override
    public boolean isPropertySet(Object id) {
        EStructuralFeature feature = featureOf(id);
        return feature != null && object.eIsSet(feature);
    }

    @Override
    public void resetPropertyValue(Object id) {
        EStructuralFeature feature = featureOf(id);
        if (feature != null && editable(feature)) {
            session.execute(SetCommand.create(session.editingDomain(), object, feature, SetCommand.UNSET_VALUE));
        }
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        EStructuralFeature feature = featureOf(id);
        if (feature == null || !editable(feature)) {
            return;
        }
        Object converted = value;
        if (feature instanceof EAttribute attribute && value instanceof String text
                && !(attribute.getEAttributeType() instanceof EEnum)
                && attribute.getEAttributeType().getInstanceClass() != String.class) {
            converted = parse(attribute.getEAttributeType(), text);
            if (converted == null) {
                return;
            }
        }
        if (java.util.Objects.equals(converted, object.eGet(feature))) {
            return;
        }
        Command command = SetCommand.create(session.editingDomain(), object, feature, converted);
        session.execute(command);
    }

    private boolean editable(EStructuralFeature feature) {
        return feature.isChangeable() && !feature.isMany() && !MEASURED.contains(feature)
                && !(object.eClass() == P.getRun() || object.eContainer() != null
                        && object.eContainer().eClass() == P.getRun())
                && !(feature instanceof EReference reference && reference.isContainment());
    }

    /** The value of {@code text} as {@code type}, or null when it does not parse. */
    static Object parse(EDataType type, String text) {
        try {
            return EcoreUtil.createFromString(type, text.trim());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why {@code text} is not a value of {@code type}, or null when it is. */
    static String problem(EDataType type, String text) {
        try {
            EcoreUtil.createFromString(type, text.trim());
            return null;
        } catch (RuntimeException e) {
            return "'" + text + "' is not a valid " + type.getInstanceClass().getSimpleName().toLowerCase()
                    + " value";
        }
    }

    /** One property: label, category, description and cell editor from the item descriptor. */
    private final class Descriptor extends PropertyDescriptor {

        private final IItemPropertyDescriptor item;

        Descriptor(IItemPropertyDescriptor item) {
            super(item, item.getDisplayName(object));
            this.item = item;
            setDescription(item.getDescription(object));
            setCategory(categoryOf(item));
            IItemLabelProvider labels = item.getLabelProvider(object);
            setLabelProvider(new LabelProvider() {
                @Override
                public String getText(Object value) {
                    if (value instanceof Collection<?> values && values.isEmpty()) {
                        return "";
                    }
                    return labels.getText(value);
                }
            });
        }

        private String categoryOf(IItemPropertyDescriptor descriptor) {
            EStructuralFeature feature = featureOf(descriptor);
            if (feature == null) {
                return null;
            }
            // what a user may change stays at the top level; the rest is grouped below it
            return MEASURED.contains(feature) || !editable(feature) ? "Measured (read-only)" : null;
        }

        @Override
        public CellEditor createPropertyEditor(Composite parent) {
            EStructuralFeature feature = featureOf(item);
            if (feature == null || !editable(feature)) {
                return null;
            }
            if (feature instanceof EAttribute attribute) {
                EDataType type = attribute.getEAttributeType();
                if (type instanceof EEnum || type.getInstanceClass() == boolean.class
                        || type.getInstanceClass() == Boolean.class) {
                    return choices(parent, new ArrayList<>(item.getChoiceOfValues(object) != null
                            ? item.getChoiceOfValues(object) : booleanChoices()));
                }
                TextCellEditor editor = new TextCellEditor(parent) {
                    @Override
                    protected void doSetValue(Object value) {
                        super.doSetValue(value == null ? "" : EcoreUtil.convertToString(type, value));
                    }
                };
                if (type.getInstanceClass() != String.class) {
                    ICellEditorValidator validator = value -> problem(type, String.valueOf(value));
                    editor.setValidator(validator);
                }
                return editor;
            }
            Collection<?> values = item.getChoiceOfValues(object);
            return values == null ? null : choices(parent, new ArrayList<>(values));
        }

        private List<Object> booleanChoices() {
            return List.of(Boolean.TRUE, Boolean.FALSE);
        }

        private CellEditor choices(Composite parent, List<Object> values) {
            IItemLabelProvider labels = item.getLabelProvider(object);
            String[] items = values.stream().map(v -> v == null ? "" : labels.getText(v)).toArray(String[]::new);
            return new ComboBoxCellEditor(parent, items, SWT.READ_ONLY) {
                @Override
                protected Object doGetValue() {
                    int index = (Integer) super.doGetValue();
                    return index < 0 ? null : values.get(index);
                }

                @Override
                protected void doSetValue(Object value) {
                    super.doSetValue(Math.max(0, values.indexOf(value)));
                }
            };
        }
    }
}
