package io.avlens.core.internal.about;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.ComponentVersionProvider;
import io.avlens.core.about.VersionReport;

/** Gathers the versions of every registered {@link ComponentVersionProvider}. */
@Component(service = VersionReport.class)
public class VersionReportService implements VersionReport {

    private static final List<String> FIRST = List.of("avlens", "java", "eclipse", "osgi");

    private final List<ComponentVersionProvider> providers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ComponentVersionProvider provider) {
        providers.add(provider);
    }

    void removeProvider(ComponentVersionProvider provider) {
        providers.remove(provider);
    }

    @Override
    public List<ComponentVersion> versions() {
        return order(providers);
    }

    /** Merges the providers' versions: first key wins, well-known keys first, then alphabetical. */
    static List<ComponentVersion> order(List<ComponentVersionProvider> from) {
        Map<String, ComponentVersion> byKey = new LinkedHashMap<>();
        for (ComponentVersionProvider p : from) {
            for (ComponentVersion v : p.versions()) {
                byKey.putIfAbsent(v.key(), v);
            }
        }
        List<ComponentVersion> result = new ArrayList<>(byKey.values());
        result.sort((a, b) -> {
            int ia = rank(a.key());
            int ib = rank(b.key());
            return ia != ib ? Integer.compare(ia, ib) : a.key().compareTo(b.key());
        });
        return List.copyOf(result);
    }

    private static int rank(String key) {
        int i = FIRST.indexOf(key);
        return i < 0 ? FIRST.size() : i;
    }
}
