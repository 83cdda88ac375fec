package org.gongjian.ledger;

/**
 * The path a posting comes through. The ledger decides by it, in one place for every path, which
 * transfers may be posted (see {@link PostingRules}): time only through the time bank, points moved
 * by a person at most the approval threshold unless a second administrator approved.
 */
public enum Channel {
    /** The platform's own jobs and trusted in-process code (expiry, the demo, tools): no channel limit. */
    SYSTEM,
    /** The generic endpoint {@code POST /api/ledger/transfers}: staff and administrators by hand. */
    MANUAL,
    /** A points adjustment posted at once (up to the approval threshold). */
    ADJUSTMENT,
    /** A points adjustment a second administrator approved. */
    APPROVED_ADJUSTMENT,
    /** The time bank: deposits with evidence, spending, gifts, donations, under its policy. */
    TIME_BANK,
    /** A points rule reacting to a domain event, within the rule's caps. */
    RULE,
    /**
     * A plugin, in its unit of work: points only, between a member and an account the plugin owns;
     * who may move whose points is checked before it posts ({@code PluginLedger}).
     */
    PLUGIN
}
