package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.api.Idempotency;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.Redemption;

/**
 * Self-service for a user signed in as a member: their own balance and statement, and payments,
 * gifts, donations and spending as themselves. A user without a member record gets 404.
 */
@Controller("/api/me/timebank")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Time bank")
class MyTimeBankController {

    private final TimeBank timeBank;
    private final Callers callers;

    MyTimeBankController(TimeBank timeBank, Callers callers) {
        this.timeBank = timeBank;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "My balance in minutes and hours, and the policy in force")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the user is not a member",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TimeBankAccount account(Authentication authentication) {
        Caller caller = callers.of(authentication);
        return timeBank.account(caller, timeBank.self(caller));
    }

    @Get("/statement")
    @Operation(summary = "My statement, newest first")
    List<StatementEntry> statement(
            Authentication authentication, @Nullable @QueryValue Long before, @Nullable @QueryValue Integer limit) {
        Caller caller = callers.of(authentication);
        return timeBank.statement(caller, timeBank.self(caller), before, limit == null ? 50 : limit);
    }

    @Get("/gift-recipients")
    @Operation(summary = "Whom I may gift minutes to: the active direct relatives of my household")
    List<GiftRecipient> giftRecipients(Authentication authentication) {
        Caller caller = callers.of(authentication);
        return timeBank.giftRecipients(caller, timeBank.self(caller));
    }

    @Post("/payments")
    @Operation(summary = "I pay another member for a service")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = TimeBankController.REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> pay(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body ToMember body) {
        Caller caller = callers.of(authentication);
        return TimeBankResponses.of(timeBank.pay(
                caller, key, new Payment(timeBank.self(caller), body.memberId(), body.minutes(), body.memo())));
    }

    @Post("/gifts")
    @Operation(summary = "I gift minutes to a direct relative of my household")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = TimeBankController.REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> gift(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body ToMember body) {
        Caller caller = callers.of(authentication);
        return TimeBankResponses.of(timeBank.gift(
                caller, key, new Gift(timeBank.self(caller), body.memberId(), body.minutes(), body.memo())));
    }

    @Post("/donations")
    @Operation(summary = "I donate minutes to my community's pool (or another organization's on my path)")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = TimeBankController.REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> donate(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body ToOrganization body) {
        Caller caller = callers.of(authentication);
        return TimeBankResponses.of(timeBank.donate(
                caller, key, new Donation(timeBank.self(caller), body.organizationId(), body.minutes(), body.memo())));
    }

    @Post("/redemptions")
    @Operation(summary = "I spend minutes for a service received at an organization (通存通兑)")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = TimeBankController.REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> redeem(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body ToOrganization body) {
        Caller caller = callers.of(authentication);
        return TimeBankResponses.of(timeBank.redeem(
                caller,
                key,
                new Redemption(timeBank.self(caller), body.organizationId(), body.minutes(), body.memo())));
    }

    /** Minutes for another member. */
    @Serdeable
    @Schema(name = "TimeBankToMember")
    record ToMember(@Nullable Long memberId, @Nullable Long minutes, @Nullable String memo) {}

    /** Minutes for an organization (its pool or its redemption account). */
    @Serdeable
    @Schema(name = "TimeBankToOrganization")
    record ToOrganization(@Nullable Long organizationId, @Nullable Long minutes, @Nullable String memo) {}
}
