package org.gongjian.timebank;

import io.micronaut.http.HttpResponse;
import org.gongjian.api.ApiError;
import org.gongjian.api.Idempotency;

/** How an operation's result is answered: as every idempotent posting (see {@link Idempotency}). */
final class TimeBankResponses {

    private TimeBankResponses() {}

    static HttpResponse<?> of(TimeBankResult result) {
        if (result.ok()) {
            return Idempotency.posted(result, result.replayed());
        }
        return Idempotency.refused(ApiError.of(result.result(), message(result.result())), result.replayed());
    }

    private static String message(String result) {
        return switch (result) {
            case "INSUFFICIENT_BALANCE" -> "The account does not hold enough minutes";
            case "LIMIT_EXCEEDED" -> "The receiving account would exceed its storage cap";
            case Idempotency.CONFLICT -> "This Idempotency-Key was used for another request";
            case "SPENDING_AGE_NOT_REACHED" -> "Neither the member nor their spouse has reached the spending age";
            case "NOT_A_DIRECT_RELATIVE" -> "Gifts go only to direct relatives of the same household";
            case "GIFTS_NOT_ALLOWED" -> "The organization's policy does not allow gifts";
            case "DONATIONS_NOT_ALLOWED" -> "The organization's policy does not allow donations";
            case "MEMBER_NOT_ACTIVE" -> "A member involved has moved out or died";
            default -> "The ledger refused the request: " + result;
        };
    }
}
