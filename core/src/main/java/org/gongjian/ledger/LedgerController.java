package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.NotFoundException;
import org.gongjian.api.ApiError;
import org.gongjian.api.Idempotency;

/** Posting to the ledger, members' accounts and statements, and reconciliation. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Ledger", description = "Points and time-bank accounts, transfers and statements")
class LedgerController {

    private final LedgerAccess access;
    private final Callers callers;

    LedgerController(LedgerAccess access, Callers callers) {
        this.access = access;
        this.callers = callers;
    }

    /** A request to post: the organization that records it and its transfers (all or none). */
    @Serdeable
    record PostingRequest(long organizationId, @Nullable List<TransferSpec> transfers) {}

    @Post("/api/ledger/transfers")
    @Operation(
            summary = "Post transfers atomically (awards, deductions, corrections)",
            description = "Send a unique Idempotency-Key per request; a retry with the same key and content answers"
                    + " the first result (header Idempotent-Replayed: true), other content answers 409. Amounts are"
                    + " positive integers of the asset's smallest unit. Time moves only through the time bank"
                    + " (USE_TIME_BANK) except an exact reversal; points at most the organization's approval"
                    + " threshold per request and point kind (APPROVAL_REQUIRED), more through"
                    + " /api/points/adjustments and a second administrator. Corrections: a transfer with"
                    + " reversesId mirroring the original.")
    @ApiResponse(responseCode = "201", description = "Posted (result OK)")
    @ApiResponse(responseCode = "200", description = "A replay of an earlier request that was posted")
    @ApiResponse(
            responseCode = "400",
            description = "IDEMPOTENCY_KEY_REQUIRED, INVALID_IDEMPOTENCY_KEY, NO_TRANSFERS, TOO_MANY_TRANSFERS,"
                    + " AMOUNT_NOT_POSITIVE, AMOUNT_TOO_LARGE, SAME_ACCOUNT, INVALID_REASON_CODE, INVALID_CATEGORY,"
                    + " MEMO_TOO_LONG, INVALID_SOURCE, MALFORMED_REQUEST: nothing stored, key unused",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description =
                    "NOT_FOUND: the organization or an account does not exist or is outside the caller's" + " subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "DUPLICATE_WITH_DIFFERENT_CONTENT: the key was used for another request",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "The ledger refused it (stored as the key's result): INSUFFICIENT_BALANCE,"
                    + " LIMIT_EXCEEDED, ACCOUNT_CLOSED, ASSET_MISMATCH, REVERSAL_MISMATCH, ALREADY_REVERSED,"
                    + " OVERFLOW; or not posted this way (also stored as the key's result): USE_TIME_BANK,"
                    + " APPROVAL_REQUIRED; ASSET_NOT_AVAILABLE (a point kind of another organization)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> post(
            Authentication authentication,
            @Parameter(description = "1–128 visible ASCII characters, unique per request")
                    @Header(Idempotency.KEY)
                    @Nullable
                    String idempotencyKey,
            @Body PostingRequest request) {
        PostingResult result = access.post(
                callers.of(authentication),
                Idempotency.required(idempotencyKey),
                request.organizationId(),
                request.transfers() == null ? List.of() : request.transfers());
        return respond(result);
    }

    /** How a posting result answers over HTTP (see {@link Idempotency}). */
    private static MutableHttpResponse<?> respond(PostingResult result) {
        if (result.ok()) {
            return Idempotency.posted(result, result.replayed());
        }
        String message =
                switch (result.result()) {
                    case DUPLICATE_WITH_DIFFERENT_CONTENT -> "The Idempotency-Key was already used for another request";
                    case REFUSED -> "Refused by a rule of the feature that posted it; nothing was posted";
                    default -> "Refused by the ledger; nothing was posted";
                };
        return Idempotency.refused(
                new ApiError(
                        result.code(),
                        message,
                        result.failedIndex() == null
                                ? List.of()
                                : List.of(new ApiError.FieldError(
                                        "transfers[" + result.failedIndex() + "]", result.code()))),
                result.replayed());
    }

    @Get("/api/members/{id}/accounts")
    @Operation(summary = "A member's accounts (time bank and every point kind) with balances")
    @ApiResponse(responseCode = "200", description = "Balances in each asset's smallest unit (see unitScale)")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such member, or outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<AccountView> accounts(Authentication authentication, long id) {
        return access.memberAccounts(callers.of(authentication), id);
    }

    @Get("/api/orgs/{id}/accounts")
    @Operation(summary = "An organization's pool and system accounts (issuance, redemption, expiry) for an asset")
    @ApiResponse(responseCode = "200", description = "The four accounts, opened when first asked for")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the organization or asset does not exist or is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<AccountView> organizationAccounts(
            Authentication authentication,
            long id,
            @Parameter(description = "The asset id; 1 (the time bank) by default") @Nullable @QueryValue Long asset) {
        return access.organizationAccounts(callers.of(authentication), id, asset == null ? Asset.TIME_ID : asset);
    }

    @Get("/api/members/{id}/statement")
    @Operation(
            summary = "A member's statement for one asset, newest first",
            description = "Every line has its reason, category, memo, source and the balance after it. Page with"
                    + " before = the seq of the last line you have.")
    @ApiResponse(responseCode = "200", description = "Up to limit lines")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<StatementLine> statement(
            Authentication authentication,
            long id,
            @Parameter(description = "The asset id; 1 (the time bank) by default") @Nullable @QueryValue Long asset,
            @Parameter(description = "Lines before this entry number") @Nullable @QueryValue Long before,
            @Parameter(description = "1–500, default 50") @Nullable @QueryValue Integer limit) {
        return access.memberStatement(
                callers.of(authentication),
                id,
                asset == null ? Asset.TIME_ID : asset,
                before,
                limit == null ? 50 : limit);
    }

    @Get("/api/me/points")
    @Operation(summary = "The signed-in member's own balances (points of every kind and the time bank)")
    @ApiResponse(responseCode = "200", description = "The member's accounts")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the user is not linked to a member",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Map<String, Object> myPoints(Authentication authentication) {
        Caller caller = callers.of(authentication);
        if (caller.memberId() == null) {
            throw new NotFoundException("Member", 0);
        }
        return Map.of("memberId", caller.memberId(), "accounts", access.memberAccounts(caller, caller.memberId()));
    }

    @Get("/api/ledger/reconciliation")
    @Operation(summary = "The last reconciliation result (platform administrators)")
    @ApiResponse(responseCode = "200", description = "The last result; empty body fields when none ran yet")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Map<String, Object> lastReconciliation(Authentication authentication) {
        Optional<ReconciliationResult> last = access.lastReconciliation(callers.of(authentication));
        return last.<Map<String, Object>>map(r -> Map.of("last", r)).orElse(Map.of());
    }

    @Post("/api/ledger/reconciliation")
    @Operation(
            summary = "Reconcile the ledger now (platform administrators)",
            description = "Checks that every asset sums to zero, every balance equals its entries, every chain is"
                    + " intact and every request has its transfers; stores and answers the result.")
    @ApiResponse(responseCode = "200", description = "The result (ok false lists the first problems)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    ReconciliationResult reconcile(Authentication authentication) {
        return access.reconcile(callers.of(authentication));
    }
}
