package org.gongjian.plugin.api;

import java.util.Optional;

/**
 * What became of a transfer: the ledger's named result. Every outcome but {@link Outcome#OK}
 * changed nothing.
 *
 * @param transferId the posted transfer (for a later {@link PointsLedger#reverse reversal})
 * @param replayed true when this answers a retry of a key that was already decided
 * @param code the stable code to show or return: the outcome's name, or the refusing rule's code
 *     for {@link Outcome#REFUSED} (e.g. {@code APPROVAL_REQUIRED})
 * @since 0.2
 */
public record TransferResult(Outcome outcome, String code, Optional<Long> transferId, boolean replayed) {

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** The ledger's named results. */
    public enum Outcome {
        OK,
        /** The paying account would go below zero. */
        INSUFFICIENT_BALANCE,
        /** The receiving account would exceed its ceiling. */
        LIMIT_EXCEEDED,
        ACCOUNT_CLOSED,
        ACCOUNT_NOT_FOUND,
        /** The member's account and the plugin's hold different point kinds. */
        ASSET_MISMATCH,
        /** The transfer to reverse does not exist or does not belong to this plugin. */
        REVERSAL_MISMATCH,
        ALREADY_REVERSED,
        OVERFLOW,
        /** The idempotency key was used before with other content; nothing was posted now. */
        DUPLICATE_WITH_DIFFERENT_CONTENT,
        /** A rule of the platform refused it; {@link TransferResult#code} names the rule. */
        REFUSED,
        /** The caller may not move this member's points. */
        NOT_ALLOWED,
        /**
         * The idempotency key's earlier transfer belongs to a unit of work whose plugin side is not
         * known yet (the server stopped between the host's commit and the plugin's). Nothing was
         * posted now; the same request succeeds, or replays, once the host has settled that unit
         * (within about two minutes): answer "try again shortly".
         *
         * @since 0.4
         */
        RETRY_LATER
    }
}
