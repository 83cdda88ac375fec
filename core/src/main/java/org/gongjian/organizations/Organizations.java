package org.gongjian.organizations;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import org.gongjian.ids.IdGenerator;

/** Reads and changes the organization tree. */
@Singleton
public class Organizations {

    private final OrganizationRepository repository;
    private final IdGenerator ids;
    private final Clock clock;

    Organizations(OrganizationRepository repository, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates a top-level organization. */
    public Organization createRoot(OrganizationKind kind, String name) {
        long id = ids.next();
        return repository.save(new Organization(id, null, kind, name, "/" + id + "/", clock.instant(), null));
    }

    /** Creates an organization below {@code parent}. */
    public Organization createChild(Organization parent, OrganizationKind kind, String name) {
        long id = ids.next();
        return repository.save(
                new Organization(id, parent.id(), kind, name, parent.path() + id + "/", clock.instant(), null));
    }

    public Optional<Organization> find(long id) {
        return repository.findById(id);
    }

    /** How many organizations are not archived. */
    public long countActive() {
        return repository.countByArchivedAtIsNull();
    }
}
