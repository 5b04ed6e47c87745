package io.avlens.core.internal.about;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;

import io.avlens.core.about.ComponentVersion;

/** Runs the provider against hand-made {@link BundleContext} and {@link Bundle} stand-ins (dynamic proxies). */
class PlatformVersionProviderTest {

    private static Bundle bundle(String symbolicName, String version) {
        Version v = Version.parseVersion(version);
        return (Bundle) Proxy.newProxyInstance(PlatformVersionProviderTest.class.getClassLoader(),
                new Class<?>[] {Bundle.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getVersion" -> v;
                    case "toString" -> symbolicName + "_" + version;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static BundleContext context(Bundle own, Bundle system, Bundle... installed) {
        return (BundleContext) Proxy.newProxyInstance(PlatformVersionProviderTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getBundle") && (args == null || args.length == 0)) {
                        return own;
                    }
                    if (method.getName().equals("getBundle") && args[0] instanceof Long id) {
                        return id == 0 ? system : null;
                    }
                    if (method.getName().equals("getBundles")) {
                        return installed;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<String> keys(List<ComponentVersion> versions) {
        return versions.stream().map(ComponentVersion::key).toList();
    }

    @Test
    void reportsAvLensEclipseAndOsgi() {
        Bundle own = bundle("io.avlens.core", "0.1.0.202507011200");
        Bundle system = bundle("org.eclipse.osgi", "3.24.100.v20250804-1030");
        Bundle rcp = bundle("org.eclipse.rcp", "4.39.0.v20250905-0500");
        PlatformVersionProvider provider = new PlatformVersionProvider();
        provider.activate(context(own, system, system, bundle("org.eclipse.core.runtime", "3.34.0"), rcp, own));

        List<ComponentVersion> versions = provider.versions();

        assertThat(versions).containsExactly(
                new ComponentVersion("avlens", "AV Lens", "0.1.0", "0.1.0.202507011200"),
                new ComponentVersion("eclipse", "Eclipse Platform", "4.39.0", "build v20250905-0500"),
                new ComponentVersion("osgi", "OSGi framework", "3.24.100.v20250804-1030", "org.eclipse.osgi"));
    }

    @Test
    void withoutTheRcpBundleThereIsNoEclipseEntry() {
        Bundle own = bundle("io.avlens.core", "1.2.3");
        Bundle system = bundle("org.apache.felix.framework", "7.0.5");
        PlatformVersionProvider provider = new PlatformVersionProvider();
        provider.activate(context(own, system, system, own));

        assertThat(keys(provider.versions())).containsExactly("avlens", "osgi");
        assertThat(provider.versions().get(0).version()).isEqualTo("1.2.3");
        assertThat(provider.versions().get(1).detail()).isEqualTo("org.apache.felix.framework");
    }

    @Test
    void mergesIntoTheReportInTheDocumentedOrder() {
        Bundle own = bundle("io.avlens.core", "0.1.0.qualifier");
        Bundle system = bundle("org.eclipse.osgi", "3.24.100");
        PlatformVersionProvider platform = new PlatformVersionProvider();
        platform.activate(context(own, system, own, system, bundle("org.eclipse.rcp", "4.39.0.v1")));
        VersionReportService report = new VersionReportService();
        report.addProvider(() -> List.of(new ComponentVersion("djl", "DJL", "0.33.0", "")));
        report.addProvider(new JavaVersionProvider());
        report.addProvider(platform);

        assertThat(keys(report.versions()))
                .containsExactly("avlens", "java", "eclipse", "osgi", "djl");
    }
}
