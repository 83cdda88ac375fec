package org.gongjian.timebank;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.gongjian.api.ApiError;
import org.gongjian.ledger.PostingResult;

/**
 * How an operation's result is answered: 201 for a new posting; 200 with {@value #REPLAYED}
 * {@code : true} for a retry of a decided request; 409 {@code DUPLICATE_WITH_DIFFERENT_CONTENT}
 * for a key used before with other content; 422 with the result's name for every other refusal.
 */
final class TimeBankResponses {

    static final String REPLAYED = "Idempotent-Replayed";
    static final String KEY = "Idempotency-Key";

    private TimeBankResponses() {}

    static HttpResponse<?> of(TimeBankResult result) {
        if (result.ok()) {
            return result.replayed()
                    ? HttpResponse.ok(result).header(REPLAYED, "true")
                    : HttpResponse.status(HttpStatus.CREATED).body(result);
        }
        HttpStatus status =
                PostingResult.Result.DUPLICATE_WITH_DIFFERENT_CONTENT.name().equals(result.result())
                        ? HttpStatus.CONFLICT
                        : HttpStatus.UNPROCESSABLE_ENTITY;
        var response = HttpResponse.status(status).body(ApiError.of(result.result(), message(result.result())));
        return result.replayed() ? response.header(REPLAYED, "true") : response;
    }

    private static String message(String result) {
        return switch (result) {
            case "INSUFFICIENT_BALANCE" -> "The account does not hold enough minutes";
            case "LIMIT_EXCEEDED" -> "The receiving account would exceed its storage cap";
            case "DUPLICATE_WITH_DIFFERENT_CONTENT" -> "This Idempotency-Key was used for another request";
            case "SPENDING_AGE_NOT_REACHED" -> "Neither the member nor their spouse has reached the spending age";
            case "NOT_A_DIRECT_RELATIVE" -> "Gifts go only to direct relatives of the same household";
            case "GIFTS_NOT_ALLOWED" -> "The organization's policy does not allow gifts";
            case "DONATIONS_NOT_ALLOWED" -> "The organization's policy does not allow donations";
            case "MEMBER_NOT_ACTIVE" -> "A member involved has moved out or died";
            default -> "The ledger refused the request: " + result;
        };
    }
}
