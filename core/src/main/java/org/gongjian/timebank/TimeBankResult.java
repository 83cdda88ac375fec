package org.gongjian.timebank;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.Transfer;

/**
 * What became of a time-bank operation.
 *
 * @param result {@code OK}; a ledger result ({@code INSUFFICIENT_BALANCE}, {@code LIMIT_EXCEEDED},
 *     {@code DUPLICATE_WITH_DIFFERENT_CONTENT}, ... see {@link PostingResult.Result}); or a
 *     business refusal of {@link Refusal}. Every result but OK left the ledger unchanged.
 * @param requestId the ledger request that stored the decision, refusals of the time bank's rules
 *     included (a retry with the same key answers the same refusal; once the reason is gone the
 *     client sends a new key); null only for {@code DUPLICATE_WITH_DIFFERENT_CONTENT}
 * @param replayed true when this answers a retry of a request already decided with this key
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "TimeBankResult")
public record TimeBankResult(String result, @Nullable Long requestId, boolean replayed, List<Movement> transfers) {

    public TimeBankResult {
        transfers = List.copyOf(transfers);
    }

    /** Refusals of the time bank's own rules, judged before posting and stored with the key. */
    public enum Refusal {
        /** Neither the member nor their spouse has reached the policy's spending age (or the birth date is unknown). */
        SPENDING_AGE_NOT_REACHED,
        /** Gifts go only to direct relatives of the same household (see the rule in {@code Kinship}). */
        NOT_A_DIRECT_RELATIVE,
        /** The policy in force at the giver's organization does not allow gifts. */
        GIFTS_NOT_ALLOWED,
        /** The policy in force at the donor's organization does not allow donations. */
        DONATIONS_NOT_ALLOWED,
        /** A member involved has moved out or died. */
        MEMBER_NOT_ACTIVE
    }

    public static final String OK = "OK";

    public boolean ok() {
        return OK.equals(result);
    }

    static TimeBankResult of(PostingResult posted) {
        return new TimeBankResult(
                posted.code(),
                posted.requestId(),
                posted.replayed(),
                posted.transfers().stream().map(Movement::of).toList());
    }

    /** One posted transfer. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "TimeBankTransfer")
    public record Movement(
            long transferId,
            long debitAccountId,
            long creditAccountId,
            long minutes,
            BigDecimal hours,
            String reasonCode,
            String category,
            @Nullable String memo,
            Instant postedAt) {

        static Movement of(Transfer t) {
            return new Movement(
                    t.id(),
                    t.debitAccountId(),
                    t.creditAccountId(),
                    t.amount(),
                    Hours.of(t.amount()),
                    t.reasonCode(),
                    t.category(),
                    t.memo(),
                    t.postedAt());
        }
    }
}
