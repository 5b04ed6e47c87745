package io.avlens.core.internal.about;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.ComponentVersionProvider;

/**
 * AV Lens itself, the Eclipse platform release and the OSGi framework, read from the installed bundles: AV Lens
 * from {@code io.avlens.core}, the platform release from the {@code org.eclipse.rcp} branding bundle (its version
 * is the release, e.g. 4.39.0), the framework from the system bundle.
 */
@Component(service = ComponentVersionProvider.class)
public class PlatformVersionProvider implements ComponentVersionProvider {

    private BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    @Override
    public List<ComponentVersion> versions() {
        List<ComponentVersion> result = new ArrayList<>();
        Bundle own = context.getBundle();
        result.add(new ComponentVersion("avlens", "AV Lens", release(own.getVersion()), own.getVersion().toString()));
        Bundle rcp = find("org.eclipse.rcp");
        if (rcp != null) {
            result.add(new ComponentVersion("eclipse", "Eclipse Platform", release(rcp.getVersion()),
                    "build " + rcp.getVersion().getQualifier()));
        }
        Bundle framework = context.getBundle(0);
        result.add(new ComponentVersion("osgi", "OSGi framework", framework.getVersion().toString(),
                framework.getSymbolicName()));
        return result;
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static String release(Version v) {
        return v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
    }
}
