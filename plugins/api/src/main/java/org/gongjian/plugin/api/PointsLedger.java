package org.gongjian.plugin.api;

import java.util.List;

/**
 * Points and hours through the host's double-entry ledger, never its tables. Every posting is
 * idempotent by key, audited, and part of the plugin's {@link PluginTransaction}: it commits with
 * the plugin's own rows or not at all.
 *
 * <p>Plugins move points between a member and their own accounts only; time-bank hours are read
 * only (they move through the time bank's policy).
 *
 * @since 0.2
 */
public interface PointsLedger {

    /** The member's balances of every point kind and of time; empty when not readable. */
    List<Balance> balances(PluginCaller caller, long memberId);

    /**
     * The plugin's account with this code for the organization and point kind, opened on first
     * use (in the transaction).
     *
     * @throws IllegalArgumentException for a bad code, or a point kind not usable in the organization
     */
    PluginAccount account(PluginTransaction tx, String code, long organizationId, String assetCode);

    /** The balance of one of the plugin's accounts. */
    Balance balance(PluginAccount account);

    /**
     * Posts the transfer in the transaction, on behalf of its actor: a member pays from the own
     * account (the actor is that member, or staff who may record for the member); the plugin pays
     * out only to members the actor may record for, or for a job, to any member.
     */
    TransferResult transfer(PluginTransaction tx, TransferRequest request);

    /**
     * Reverses a transfer this plugin posted (a refund): the exact mirror, pointing at the original.
     * Idempotent by key like a transfer.
     */
    TransferResult reverse(PluginTransaction tx, String idempotencyKey, long transferId, String reasonCode);
}
