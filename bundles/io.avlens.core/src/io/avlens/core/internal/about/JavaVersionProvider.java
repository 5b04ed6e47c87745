package io.avlens.core.internal.about;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.ComponentVersionProvider;

/** The Java runtime AV Lens runs on. */
@Component(service = ComponentVersionProvider.class)
public class JavaVersionProvider implements ComponentVersionProvider {

    @Override
    public List<ComponentVersion> versions() {
        String vendor = System.getProperty("java.vendor", "unknown vendor");
        String vm = System.getProperty("java.vm.name", "") + " " + System.getProperty("java.vm.version", "");
        return List.of(new ComponentVersion("java", "Java", Runtime.version().toString(),
                vendor + ", " + vm.strip() + ", " + System.getProperty("java.home", "")));
    }
}
