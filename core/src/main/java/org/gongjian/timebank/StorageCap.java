package org.gongjian.timebank;

import jakarta.inject.Singleton;
import java.util.OptionalLong;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.BalanceCeilings;
import org.gongjian.ledger.OwnerType;

/**
 * The time bank's storage cap as a ledger ceiling: a member's time account may hold at most the
 * cap of the policy in force at the member's organization (1500 h by default). The ledger asks
 * while it holds the account's row lock, so two concurrent deposits cannot both pass the cap. An
 * account whose member record does not exist has no cap.
 */
@Singleton
final class StorageCap implements BalanceCeilings {

    private final TimeBankStore store;
    private final TimeBankPolicies policies;

    StorageCap(TimeBankStore store, TimeBankPolicies policies) {
        this.store = store;
        this.policies = policies;
    }

    @Override
    public OptionalLong ceiling(Account account) {
        if (account.ownerType() != OwnerType.MEMBER || account.assetId() != Asset.TIME_ID) {
            return OptionalLong.empty();
        }
        return store.person(account.ownerId())
                .map(p -> OptionalLong.of(policies.effective(p.orgPath()).storageCapMinutes()))
                .orElse(OptionalLong.empty());
    }
}
