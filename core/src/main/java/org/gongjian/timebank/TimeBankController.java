package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.api.Idempotency;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.PoolGrant;
import org.gongjian.timebank.TimeBankRequests.Redemption;

@Controller("/api/timebank")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(
        name = "Time bank",
        description = "时间银行: minutes of service deposited, paid, gifted, donated and spent; policies per"
                + " organization. Every POST needs an Idempotency-Key header: 201 for a new posting, 200 with"
                + " Idempotent-Replayed: true for a retry, 409 DUPLICATE_WITH_DIFFERENT_CONTENT when the key was"
                + " used for other content, 422 with the result's name for a refusal.")
class TimeBankController {

    static final String REFUSALS = "INSUFFICIENT_BALANCE, LIMIT_EXCEEDED (storage cap), SPENDING_AGE_NOT_REACHED,"
            + " NOT_A_DIRECT_RELATIVE, GIFTS_NOT_ALLOWED, DONATIONS_NOT_ALLOWED, MEMBER_NOT_ACTIVE, or another"
            + " ledger result; nothing was posted. A refusal is the key's result: a retry answers it again"
            + " (Idempotent-Replayed: true); send a new key once the reason is gone";
    static final String BAD_INPUT = "IDEMPOTENCY_KEY_REQUIRED, INVALID_IDEMPOTENCY_KEY, MEMBER_REQUIRED,"
            + " ORGANIZATION_REQUIRED, ORGANIZATION_ARCHIVED, MINUTES_REQUIRED, MINUTES_NOT_POSITIVE,"
            + " MINUTES_TOO_LARGE, REASON_*, EVIDENCE_*, MEMO_*, SOURCE_INVALID, SAME_MEMBER; nothing was posted";

    private final TimeBank timeBank;
    private final TimeBankPolicies policies;
    private final Callers callers;

    TimeBankController(TimeBank timeBank, TimeBankPolicies policies, Callers callers) {
        this.timeBank = timeBank;
        this.policies = policies;
        this.callers = callers;
    }

    @Post("/deposits")
    @Operation(
            summary = "Record service for a member (存入)",
            description = "From the issuance account of the recording organization (the member's when absent),"
                    + " which the caller edits, to a member the caller reads. At most 1440 minutes per deposit.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(responseCode = "200", description = "A retry: the first result, header Idempotent-Replayed: true")
    @ApiResponse(
            responseCode = "400",
            description = BAD_INPUT,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the member or organization does not exist or is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "DUPLICATE_WITH_DIFFERENT_CONTENT",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> deposit(
            Authentication authentication,
            @Parameter(description = "1-128 printable ASCII characters, unique per request")
                    @Nullable
                    @Header(Idempotency.KEY)
                    String key,
            @Body Deposit body) {
        return TimeBankResponses.of(timeBank.deposit(callers.of(authentication), key, body));
    }

    @Post("/payments")
    @Operation(
            summary = "A member pays another member for a service (支付)",
            description = "The payer or their spouse in the same household must have reached the spending age of"
                    + " the policy. The caller is the payer or staff of the payer's organization.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> pay(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body Payment body) {
        return TimeBankResponses.of(timeBank.pay(callers.of(authentication), key, body));
    }

    @Post("/gifts")
    @Operation(
            summary = "A member gifts minutes to a direct relative of their household (转赠)",
            description = "Direct: spouse, parent, child, grandparent or grandchild, derived from the relations to"
                    + " the household's head; not siblings, in-laws or OTHER. Any age, if the policy allows.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> gift(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body Gift body) {
        return TimeBankResponses.of(timeBank.gift(callers.of(authentication), key, body));
    }

    @Post("/donations")
    @Operation(
            summary = "A member donates minutes to a community pool (捐赠)",
            description = "To the pool of the member's community when organizationId is absent.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> donate(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body Donation body) {
        return TimeBankResponses.of(timeBank.donate(callers.of(authentication), key, body));
    }

    @Post("/redemptions")
    @Operation(
            summary = "A member spends minutes for a service received at an organization (支取, 通存通兑)",
            description = "Any organization of the platform; the spending age applies as for payments.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "422",
            description = REFUSALS,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> redeem(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body Redemption body) {
        return TimeBankResponses.of(timeBank.redeem(callers.of(authentication), key, body));
    }

    @Post("/pool-grants")
    @Operation(
            summary = "An administrator gives minutes from the organization's pool to a member in need",
            description = "No age rule; audited.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: staff do not grant from pools",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "INSUFFICIENT_BALANCE (the pool), LIMIT_EXCEEDED, MEMBER_NOT_ACTIVE",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> grant(
            Authentication authentication, @Nullable @Header(Idempotency.KEY) String key, @Body PoolGrant body) {
        return TimeBankResponses.of(timeBank.grant(callers.of(authentication), key, body));
    }

    @Get("/members/{id}")
    @Operation(summary = "A member's balance in minutes and hours, with the policy in force")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    TimeBankAccount account(Authentication authentication, long id) {
        return timeBank.account(callers.of(authentication), id);
    }

    @Get("/members/{id}/gift-recipients")
    @Operation(
            summary = "Whom a member may gift minutes to: the active direct relatives of their household",
            description = "Empty when the member has no household or the policy in force does not allow gifts.")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: the caller reads the member but does not move time for them",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<GiftRecipient> giftRecipients(Authentication authentication, long id) {
        return timeBank.giftRecipients(callers.of(authentication), id);
    }

    @Get("/members/{id}/statement")
    @Operation(summary = "A member's statement, newest first, each line with its reason and category")
    @ApiResponse(
            responseCode = "400",
            description = "LIMIT_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<StatementEntry> statement(
            Authentication authentication,
            long id,
            @Parameter(description = "Lines before this entry number (the next page)") @Nullable @QueryValue
                    Long before,
            @Parameter(description = "1-200, default 50") @Nullable @QueryValue Integer limit) {
        return timeBank.statement(callers.of(authentication), id, before, limit == null ? 50 : limit);
    }

    @Get("/flows")
    @Operation(
            summary = "通存通兑: minutes deposited and spent between communities",
            description = "For an organization's subtree and a period of days (inclusive, Asia/Shanghai; the"
                    + " current month by default; at most 366 days).")
    @ApiResponse(
            responseCode = "400",
            description = "PERIOD_INVALID, ORGANIZATION_REQUIRED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    FlowReport flows(
            Authentication authentication,
            @Nullable @QueryValue Long org,
            @Nullable @QueryValue LocalDate from,
            @Nullable @QueryValue LocalDate to) {
        if (org == null) {
            throw new InvalidInputException(TimeBankErrors.ORGANIZATION_REQUIRED, "org", "Give the organization");
        }
        return timeBank.flows(callers.of(authentication), org, from, to);
    }

    @Get("/policies/{orgId}")
    @Operation(summary = "The policy in force at an organization and the organization that set it (null: defaults)")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PolicyView policy(Authentication authentication, long orgId) {
        return policies.get(callers.of(authentication), orgId);
    }

    @Put("/policies/{orgId}")
    @Operation(
            summary = "Set an organization's policy for its subtree (administrators; audited)",
            description = "All four fields are required.")
    @ApiResponse(
            responseCode = "400",
            description = "POLICY_FIELD_REQUIRED, MIN_AGE_INVALID, STORAGE_CAP_INVALID, ORGANIZATION_ARCHIVED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PolicyView setPolicy(Authentication authentication, long orgId, @Body PolicyInput body) {
        return policies.set(callers.of(authentication), orgId, body);
    }

    @Delete("/policies/{orgId}")
    @Operation(summary = "Remove an organization's own policy: it inherits again (administrators; audited)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PolicyView clearPolicy(Authentication authentication, long orgId) {
        return policies.clear(callers.of(authentication), orgId);
    }
}
