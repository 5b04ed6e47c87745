package io.avlens.models.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.avlens.models.QueryEncoderCatalog;
import io.avlens.models.QueryEncoders;

/** The {@link QueryEncoderCatalog}: the families' {@link QueryEncoders} services as they come and go. */
@Component(service = QueryEncoderCatalog.class)
public final class QueryEncoderRegistry implements QueryEncoderCatalog {

    private final List<QueryEncoders> encoders = new CopyOnWriteArrayList<>();

    /** For DS. */
    public QueryEncoderRegistry() {
    }

    /** With given encoders (tests and plain Java). */
    public QueryEncoderRegistry(List<QueryEncoders> given) {
        encoders.addAll(given);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEncoders(QueryEncoders e) {
        encoders.add(e);
    }

    void removeEncoders(QueryEncoders e) {
        encoders.remove(e);
    }

    @Override
    public Optional<QueryEncoders> forFamily(String family) {
        return encoders.stream().filter(e -> e.supports(family)).findFirst();
    }
}
