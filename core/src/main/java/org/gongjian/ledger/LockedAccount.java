package org.gongjian.ledger;

/**
 * An account row locked by {@link PostingEngine} for the current transaction, with its state as
 * the request's transfers apply: balance and totals as checked, entries and chain tip as written.
 */
final class LockedAccount {
    final long id;
    final long assetId;
    final OwnerType ownerType;
    final long ownerId;
    final String orgPath;
    final long lockedBalance;
    final long lockedEntries;
    final boolean closed;
    long balance;
    long debits;
    long credits;
    long entries;
    long balanceAfterEntries;
    byte[] head;

    LockedAccount(
            long id,
            long assetId,
            OwnerType ownerType,
            long ownerId,
            String orgPath,
            long balance,
            long debits,
            long credits,
            long entries,
            byte[] head,
            boolean closed) {
        this.id = id;
        this.assetId = assetId;
        this.ownerType = ownerType;
        this.ownerId = ownerId;
        this.orgPath = orgPath;
        this.lockedBalance = balance;
        this.lockedEntries = entries;
        this.balance = balance;
        this.balanceAfterEntries = balance;
        this.debits = debits;
        this.credits = credits;
        this.entries = entries;
        this.head = head;
        this.closed = closed;
    }

    void apply(long amount) {
        balance += amount;
        if (amount < 0) {
            debits -= amount;
        } else {
            credits += amount;
        }
    }

    Account snapshot() {
        return new Account(
                id, assetId, ownerType, ownerId, orgPath, lockedBalance, debits, credits, lockedEntries, closed);
    }
}
