package io.avlens.ui.preferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.prefs.BackingStoreException;

import io.avlens.inference.Device;
import io.avlens.inference.InferenceService;
import io.avlens.runner.RunSettings;

/**
 * Window › Preferences › Inference: the device models run on (with the devices the registered inference services
 * report), engine threads, memory budget, batch size and run cache folder. Every field is checked as it is typed;
 * the first problem is shown at the top and OK stays disabled until it is fixed. Values are stored in the instance
 * scope of {@value InferencePreferences#NODE}, where {@link InferencePreferences#read()} finds them.
 */
public final class InferencePreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    /** The page id. */
    public static final String ID = "io.avlens.ui.preferences.inference";

    private final Map<String, Control> fields = new LinkedHashMap<>();
    private Label devicesFound;

    @Override
    public void init(IWorkbench workbench) {
        new InferencePreferenceInitializer().initializeDefaultPreferences();
        setDescription("How AV Lens runs models. Changes apply to runs started afterwards.");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(page);
        InferenceSettings stored = InferencePreferences.read(InstanceScope.INSTANCE.getNode(InferencePreferences.NODE),
                defaults());

        Combo device = new Combo(page, SWT.DROP_DOWN);
        label(page, "&Device:", device);
        device.setItems(InferencePreferences.AUTO, Device.CPU.toString());
        device.setText(stored.device());
        device.setToolTipText("auto: the best device there is (a GPU when one is usable); cpu; cuda:N for GPU N");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(device);
        fields.put(InferencePreferences.DEVICE, device);
        new Label(page, SWT.NONE);
        devicesFound = new Label(page, SWT.WRAP);
        devicesFound.setText("Looking for devices...");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(devicesFound);

        text(page, InferencePreferences.THREADS, "&Threads:", Integer.toString(stored.threads()),
                "CPU threads of the engine, 1 to " + InferencePreferences.maxThreads() + "; 0 = the engine's default");
        text(page, InferencePreferences.MEMORY_BUDGET_MIB, "&Memory budget (MiB):",
                Long.toString(stored.memoryBudgetMiB()),
                "A forward call estimated to need more is refused with a message; 0 = unlimited");
        text(page, InferencePreferences.BATCH_SIZE, "&Batch size:", Integer.toString(stored.batchSize()),
                "Items per forward call, 1 to " + InferencePreferences.MAX_BATCH_SIZE);
        Text cache = text(page, InferencePreferences.CACHE_FOLDER, "&Cache folder:", stored.cacheFolder().toString(),
                "Where run results are cached; a repeated run with the same model, media and parameters is instant");
        GridDataFactory.fillDefaults().grab(true, false).span(1, 1).applyTo(cache);
        Button browse = new Button(page, SWT.PUSH);
        browse.setText("B&rowse...");
        browse.addListener(SWT.Selection, e -> browse(cache));

        for (Control field : fields.values()) {
            field.addListener(SWT.Modify, e -> validate());
        }
        findDevices(device);
        validate();
        return page;
    }

    private static InferenceSettings defaults() {
        return InferencePreferences.read(DefaultScope.INSTANCE.getNode(InferencePreferences.NODE),
                InferencePreferences.defaults(RunSettings.dataFolder()));
    }

    private static void label(Composite page, String text, Control field) {
        Label label = new Label(page, SWT.NONE);
        label.setText(text);
        label.moveAbove(field);
    }

    private Text text(Composite page, String key, String label, String value, String tip) {
        new Label(page, SWT.NONE).setText(label);
        Text text = new Text(page, SWT.BORDER | SWT.SINGLE);
        text.setText(value);
        text.setToolTipText(tip);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(text);
        fields.put(key, text);
        return text;
    }

    private void browse(Text cache) {
        DirectoryDialog dialog = new DirectoryDialog(getShell());
        dialog.setText("Run Cache Folder");
        dialog.setFilterPath(cache.getText());
        String chosen = dialog.open();
        if (chosen != null) {
            cache.setText(chosen);
        }
    }

    /** Asks the inference services for their devices off the UI thread (a first call may start the engine). */
    private void findDevices(Combo device) {
        Job job = Job.create("Finding inference devices", monitor -> {
            List<String> found = devices();
            if (!device.isDisposed()) {
                device.getDisplay().asyncExec(() -> showDevices(device, found));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private static List<String> devices() {
        BundleContext context = FrameworkUtil.getBundle(InferencePreferencePage.class).getBundleContext();
        Set<String> found = new LinkedHashSet<>();
        if (context == null) {
            return List.of();
        }
        try {
            for (ServiceReference<InferenceService> reference : context.getServiceReferences(InferenceService.class,
                    null)) {
                InferenceService service = context.getService(reference);
                try {
                    if (service != null) {
                        service.devices().forEach(d -> found.add(d.toString()));
                    }
                } catch (RuntimeException e) {
                    // a service that cannot list its devices offers none; the others still count
                } finally {
                    context.ungetService(reference);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(found);
    }

    private void showDevices(Combo device, List<String> found) {
        if (device.isDisposed()) {
            return;
        }
        String typed = device.getText();
        List<String> items = new ArrayList<>(List.of(InferencePreferences.AUTO, Device.CPU.toString()));
        found.stream().filter(d -> !items.contains(d)).forEach(items::add);
        device.setItems(items.toArray(String[]::new));
        device.setText(typed);
        devicesFound.setText(found.isEmpty() ? "No inference service is running: cpu is assumed."
                : "Devices found: " + String.join(", ", found));
        devicesFound.getParent().layout(true);
    }

    private void validate() {
        String problem = null;
        for (Map.Entry<String, Control> field : fields.entrySet()) {
            problem = InferencePreferences.problem(field.getKey(), value(field.getValue()));
            if (problem != null) {
                break;
            }
        }
        setErrorMessage(problem);
        setValid(problem == null);
    }

    private static String value(Control field) {
        return field instanceof Text text ? text.getText() : ((Combo) field).getText();
    }

    private InferenceSettings entered() {
        return new InferenceSettings(value(fields.get(InferencePreferences.DEVICE)).strip(),
                Integer.parseInt(value(fields.get(InferencePreferences.THREADS)).strip()),
                Long.parseLong(value(fields.get(InferencePreferences.MEMORY_BUDGET_MIB)).strip()),
                Integer.parseInt(value(fields.get(InferencePreferences.BATCH_SIZE)).strip()),
                Path.of(value(fields.get(InferencePreferences.CACHE_FOLDER)).strip()));
    }

    @Override
    public boolean performOk() {
        if (!isValid()) {
            return false;
        }
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(InferencePreferences.NODE);
        try {
            InferencePreferences.write(node, entered());
            return true;
        } catch (BackingStoreException e) {
            setErrorMessage("The preferences cannot be saved: " + e.getMessage());
            return false;
        }
    }

    @Override
    protected void performDefaults() {
        InferenceSettings defaults = defaults();
        setValue(InferencePreferences.DEVICE, defaults.device());
        setValue(InferencePreferences.THREADS, Integer.toString(defaults.threads()));
        setValue(InferencePreferences.MEMORY_BUDGET_MIB, Long.toString(defaults.memoryBudgetMiB()));
        setValue(InferencePreferences.BATCH_SIZE, Integer.toString(defaults.batchSize()));
        setValue(InferencePreferences.CACHE_FOLDER, defaults.cacheFolder().toString());
        super.performDefaults();
    }

    /** Types {@code value} into the field of {@code key}, as a user would. UI thread; for tests too. */
    public void setValue(String key, String value) {
        Control field = fields.get(key);
        if (field instanceof Text text) {
            text.setText(value);
        } else if (field instanceof Combo combo) {
            combo.setText(value);
        }
    }

    /** The field of a preference key, for tests. */
    public Control field(String key) {
        return fields.get(key);
    }

    /** The devices line ("Devices found: cpu" …), for tests. */
    public String devicesText() {
        return devicesFound.getText();
    }
}
