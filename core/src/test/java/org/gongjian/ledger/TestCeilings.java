package org.gongjian.ledger;

import jakarta.inject.Singleton;
import java.util.OptionalLong;

/** A ceiling for one made-up member id, to test how the ledger enforces ceilings. */
@Singleton
final class TestCeilings implements BalanceCeilings {

    static final long CAPPED_MEMBER = 4242;

    @Override
    public OptionalLong ceiling(Account account) {
        return account.ownerType() == OwnerType.MEMBER && account.ownerId() == CAPPED_MEMBER
                ? OptionalLong.of(120)
                : OptionalLong.empty();
    }
}
