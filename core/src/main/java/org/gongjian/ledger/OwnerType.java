package org.gongjian.ledger;

/** Who owns an account. Member and pool accounts are limited to a non-negative balance. */
public enum OwnerType {
    /** A member's own account (owner id = member id). */
    MEMBER(true),
    /** An organization's community pool, fed by donations (owner id = organization id). */
    POOL(true),
    /** Where an organization's awards and deposits come from; its balance is negative. */
    ISSUANCE(false),
    /** Where expired points go. */
    EXPIRY(false),
    /** Where spent coins and redeemed points go. */
    REDEMPTION(false),
    /**
     * An account a plugin owns for an organization and a point kind, e.g. a market's redemption
     * account (owner id = the row of {@code ledger_plugin_account}); it pays out only what it received.
     */
    PLUGIN(true);

    private final boolean limited;

    OwnerType(boolean limited) {
        this.limited = limited;
    }

    /** Whether the balance must stay at or above zero (unless the asset allows negative balances). */
    public boolean limited() {
        return limited;
    }

    public boolean organizational() {
        return this != MEMBER;
    }

    /** Whether an organization has one of these per asset (owner id = organization id). */
    public boolean perOrganization() {
        return this != MEMBER && this != PLUGIN;
    }
}
