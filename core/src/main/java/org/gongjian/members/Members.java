package org.gongjian.members;

import jakarta.inject.Singleton;
import java.time.Clock;
import org.gongjian.ids.IdGenerator;

/** Reads and changes members. */
@Singleton
public class Members {

    private final MemberRepository repository;
    private final IdGenerator ids;
    private final Clock clock;

    Members(MemberRepository repository, IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.ids = ids;
        this.clock = clock;
    }

    public Member add(long organizationId, String name) {
        return repository.save(new Member(ids.next(), organizationId, name, clock.instant()));
    }

    public long count() {
        return repository.count();
    }
}
