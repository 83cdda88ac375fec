package org.gongjian.ledger;

/**
 * One account's state as last committed.
 *
 * @param orgPath the owning organization's path; empty for member accounts (scoped through the
 *     member)
 * @param balance credits minus debits, in the asset's smallest unit
 * @param entries how many entries the account has (the sequence number of the last)
 */
public record Account(
        long id,
        long assetId,
        OwnerType ownerType,
        long ownerId,
        String orgPath,
        long balance,
        long debits,
        long credits,
        long entries,
        boolean closed) {}
