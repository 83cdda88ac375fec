package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What became of a posting request.
 *
 * @param requestId the stored request (null only for {@link Result#DUPLICATE_WITH_DIFFERENT_CONTENT})
 * @param failedIndex the transfer that was refused, for results other than OK
 * @param replayed true when this answers a retry of an already decided request
 * @param transfers the posted transfers (empty unless OK)
 * @param refusal for {@link Result#REFUSED}: the code of the rule that refused, chosen by the
 *     feature that posts (e.g. the time bank's {@code SPENDING_AGE_NOT_REACHED})
 */
@io.micronaut.serde.annotation.Serdeable
public record PostingResult(
        Result result,
        @Nullable Long requestId,
        @Nullable Integer failedIndex,
        boolean replayed,
        List<Transfer> transfers,
        @Nullable String refusal) {

    public PostingResult {
        transfers = List.copyOf(transfers);
    }

    public PostingResult(
            Result result,
            @Nullable Long requestId,
            @Nullable Integer failedIndex,
            boolean replayed,
            List<Transfer> transfers) {
        this(result, requestId, failedIndex, replayed, transfers, null);
    }

    /** The stable code of the result: the refusing rule's code for REFUSED, else the result's name. */
    public String code() {
        return result == Result.REFUSED && refusal != null ? refusal : result.name();
    }

    public boolean ok() {
        return result == Result.OK;
    }

    /** Named results; every one but OK leaves the ledger unchanged. */
    public enum Result {
        OK,
        /** A member or pool account would go below zero. */
        INSUFFICIENT_BALANCE,
        /** The credit account would exceed its ceiling (e.g. the time bank's storage cap). */
        LIMIT_EXCEEDED,
        ACCOUNT_CLOSED,
        ACCOUNT_NOT_FOUND,
        /** The two accounts hold different assets. */
        ASSET_MISMATCH,
        /** The reversed transfer does not exist or the reversal is not its exact mirror. */
        REVERSAL_MISMATCH,
        /** The transfer was already reversed. */
        ALREADY_REVERSED,
        /** The balance would leave the range of a 64-bit number. */
        OVERFLOW,
        /** The idempotency key was used before with other content; nothing was posted now. */
        DUPLICATE_WITH_DIFFERENT_CONTENT,
        /**
         * A rule of the feature that posts refused the request before the ledger checked it (see
         * {@link Ledger#refuse}); {@link PostingResult#refusal} names the rule.
         */
        REFUSED
    }
}
