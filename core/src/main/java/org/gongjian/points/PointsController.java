package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.ExceptionHandler;
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
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.api.Idempotency;
import org.gongjian.events.DomainEvent;
import org.gongjian.ledger.Asset;

/** Point kinds, rules, adjustments and approvals, settings, rankings, stars and recorded events. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Points", description = "Point kinds, rules, manual adjustments with approval, rankings and stars")
class PointsController {

    private final PointKinds kinds;
    private final PointsRules rules;
    private final Adjustments adjustments;
    private final PointsSettings settings;
    private final Rankings rankings;
    private final Stars stars;
    private final Callers callers;

    PointsController(
            PointKinds kinds,
            PointsRules rules,
            Adjustments adjustments,
            PointsSettings settings,
            Rankings rankings,
            Stars stars,
            Callers callers) {
        this.kinds = kinds;
        this.rules = rules;
        this.adjustments = adjustments;
        this.settings = settings;
        this.rankings = rankings;
        this.stars = stars;
        this.callers = callers;
    }

    @Serdeable
    record KindInput(
            long organizationId,
            @Nullable String code,
            @Nullable String name,
            @Nullable Integer unitScale,
            @Nullable Boolean negativeAllowed,
            @Nullable String expiryPolicy,
            @Nullable String expiryMonthDay,
            @Nullable Integer expiryMonths) {}

    @Post("/api/points/kinds")
    @Operation(summary = "Define a point kind for an organization's subtree (administrators)")
    @ApiResponse(responseCode = "201", description = "The point kind")
    @ApiResponse(
            responseCode = "400",
            description = "POINT_KIND_CODE_INVALID, POINT_KIND_CODE_TAKEN, NAME_REQUIRED, NAME_TOO_LONG,"
                    + " UNIT_SCALE_INVALID, EXPIRY_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Asset> createKind(Authentication authentication, @Body KindInput in) {
        Asset kind = kinds.create(
                callers.of(authentication),
                in.organizationId(),
                in.code(),
                in.name(),
                in.unitScale() == null ? 10 : in.unitScale(),
                Boolean.TRUE.equals(in.negativeAllowed()),
                in.expiryPolicy(),
                in.expiryMonthDay(),
                in.expiryMonths());
        return HttpResponse.status(HttpStatus.CREATED).body(kind);
    }

    @Get("/api/orgs/{id}/point-kinds")
    @Operation(summary = "The point kinds usable in an organization (its own and its ancestors')")
    List<Asset> kinds(Authentication authentication, long id) {
        return kinds.usableAt(callers.of(authentication), id);
    }

    @Post("/api/points/rules")
    @Operation(summary = "Define a rule (administrators)")
    @ApiResponse(responseCode = "201", description = "The rule")
    @ApiResponse(
            responseCode = "400",
            description = "NAME_REQUIRED, EVENT_TYPE_INVALID, CONDITION_INVALID, FORMULA_INVALID, POINTS_INVALID,"
                    + " CAP_INVALID, VALIDITY_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<PointsRule> createRule(Authentication authentication, @Body RuleInput in) {
        return HttpResponse.status(HttpStatus.CREATED).body(rules.create(callers.of(authentication), in));
    }

    @Get("/api/points/rules")
    @Operation(summary = "Rules that apply in an organization's subtree (latest versions), active first")
    List<PointsRule> rules(Authentication authentication, @QueryValue long org) {
        return rules.list(callers.of(authentication), org);
    }

    @Put("/api/points/rules/{id}")
    @Operation(
            summary = "Edit a rule (administrators): adds its next version",
            description = "{id} is the version you read. It is archived and replaced by a new version in one"
                    + " transaction; points already posted stay as they are, and the caps per day / week / month /"
                    + " year count what every version gave. Kind (assetId) and organizationId cannot change. The"
                    + " answer is the new version (lineageId stays, version + 1, supersedesId = {id}).")
    @ApiResponse(responseCode = "200", description = "The new version")
    @ApiResponse(
            responseCode = "400",
            description = "RULE_SCOPE_FIXED, NAME_REQUIRED, EVENT_TYPE_INVALID, CONDITION_INVALID, FORMULA_INVALID,"
                    + " POINTS_INVALID, CAP_INVALID, VALIDITY_INVALID; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators of the rule's organization edit it",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such rule in the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "RULE_CHANGED_MEANWHILE (another edit replaced this version) or RULE_ARCHIVED (stopped);"
                    + " nothing changed: read the rule again",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PointsRule editRule(Authentication authentication, long id, @Body RuleInput in) {
        return rules.edit(callers.of(authentication), id, in);
    }

    @Get("/api/points/rules/{id}/versions")
    @Operation(summary = "Every version of a rule, oldest first")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<PointsRule> ruleVersions(Authentication authentication, long id) {
        return rules.versions(callers.of(authentication), id);
    }

    @Post("/api/points/rules/{id}/archive")
    @Operation(summary = "Stop a rule (it stays in the history)")
    @ApiResponse(
            responseCode = "409",
            description = "RULE_CHANGED_MEANWHILE: this version was replaced by an edit, which stays in force",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PointsRule archiveRule(Authentication authentication, long id) {
        return rules.archive(callers.of(authentication), id);
    }

    @Post("/api/points/adjustments")
    @Operation(
            summary = "Award or deduct points by hand",
            description = "amount is signed, in the kind's smallest unit. Up to the organization's approval"
                    + " threshold it posts at once (201, status POSTED, or 422 with the ledger's refusal); above it"
                    + " waits for a second administrator (202, status PENDING). Send an Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "Posted")
    @ApiResponse(responseCode = "202", description = "Waiting for approval")
    @ApiResponse(
            responseCode = "409",
            description = "DUPLICATE_WITH_DIFFERENT_CONTENT",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "422",
            description = "INSUFFICIENT_BALANCE and other ledger refusals",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> adjust(
            Authentication authentication,
            @Header(Idempotency.KEY) @Nullable String key,
            @Body Adjustments.Request request) {
        Adjustment a = adjustments.adjust(callers.of(authentication), Idempotency.required(key), request);
        return switch (a.status()) {
            case "PENDING" -> HttpResponse.status(HttpStatus.ACCEPTED).body(a);
            case "POSTED" -> HttpResponse.status(HttpStatus.CREATED).body(a);
            case "REFUSED" ->
                Idempotency.refused(
                        ApiError.of(
                                a.ledgerResult(),
                                Idempotency.CONFLICT.equals(a.ledgerResult())
                                        ? "The Idempotency-Key was already used"
                                        : "Refused by the ledger; nothing was posted"),
                        false);
            default -> HttpResponse.ok(a);
        };
    }

    @Get("/api/points/approvals")
    @Operation(summary = "Adjustments waiting for the caller's approval (administrators)")
    List<Adjustment> inbox(Authentication authentication) {
        return adjustments.inbox(callers.of(authentication));
    }

    @Serdeable
    record Decision(@Nullable String note) {}

    @Post("/api/points/approvals/{id}/approve")
    @Operation(summary = "Approve and post an adjustment (a different administrator than the requester)")
    @ApiResponse(
            responseCode = "403",
            description = "SECOND_ADMINISTRATOR_REQUIRED or FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "400",
            description = "ADJUSTMENT_NOT_PENDING",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Adjustment approve(Authentication authentication, long id, @Nullable @Body Decision decision) {
        return adjustments.approve(callers.of(authentication), id, decision == null ? null : decision.note());
    }

    @Post("/api/points/approvals/{id}/reject")
    @Operation(summary = "Reject an adjustment")
    Adjustment reject(Authentication authentication, long id, @Nullable @Body Decision decision) {
        return adjustments.reject(callers.of(authentication), id, decision == null ? null : decision.note());
    }

    @Get("/api/orgs/{id}/points-settings")
    @Operation(summary = "The effective points settings of an organization (inherited when not its own)")
    PointsSettings.Settings settings(Authentication authentication, long id) {
        return settings.effective(callers.of(authentication), id);
    }

    @Serdeable
    record SettingsInput(long approvalThreshold, @Nullable List<Integer> starHours) {}

    @Put("/api/orgs/{id}/points-settings")
    @Operation(summary = "Set an organization's approval threshold (whole points) and star thresholds (hours)")
    @ApiResponse(
            responseCode = "400",
            description = "THRESHOLD_INVALID, STAR_HOURS_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PointsSettings.Settings setSettings(Authentication authentication, long id, @Body SettingsInput in) {
        return settings.set(
                callers.of(authentication),
                id,
                in.approvalThreshold(),
                in.starHours() == null ? PointsSettings.DEFAULT_STAR_HOURS : in.starHours());
    }

    @Delete("/api/orgs/{id}/points-settings")
    @Operation(summary = "Drop an organization's own points settings: it follows its parents' again")
    @ApiResponse(responseCode = "200", description = "The settings now in force (inherited)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators of the organization",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PointsSettings.Settings clearSettings(Authentication authentication, long id) {
        return settings.clear(callers.of(authentication), id);
    }

    @Get("/api/rankings")
    @Operation(
            summary = "Members ranked by points earned of one kind in a subtree and period",
            description = "period: MONTH, QUARTER, YEAR or ALL (China time). A member signed in sees their own rank"
                    + " in me.")
    @ApiResponse(
            responseCode = "400",
            description = "PERIOD_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Rankings.Ranking ranking(
            Authentication authentication,
            @QueryValue long kind,
            @QueryValue long org,
            @Nullable @QueryValue String period,
            @Parameter(description = "1–200, default 20") @Nullable @QueryValue Integer limit) {
        return rankings.top(
                callers.of(authentication), kind, org, period == null ? "MONTH" : period, limit == null ? 20 : limit);
    }

    @Get("/api/rankings/board")
    @Operation(summary = "The public board (红黑榜): top earners and the most deducted")
    Rankings.Board board(
            Authentication authentication,
            @QueryValue long kind,
            @QueryValue long org,
            @Nullable @QueryValue String period,
            @Nullable @QueryValue Integer limit) {
        return rankings.board(
                callers.of(authentication), kind, org, period == null ? "MONTH" : period, limit == null ? 10 : limit);
    }

    @Get("/api/members/{id}/stars")
    @Operation(summary = "A member's volunteer star rating by approved service hours")
    Stars.Rating stars(Authentication authentication, long id) {
        return stars.of(callers.of(authentication), id);
    }

    @Serdeable
    record EventInput(
            @Nullable String type, long memberId, @Nullable Long quantity, @Nullable Map<String, String> attributes) {}

    @Post("/api/points/events")
    @Operation(
            summary = "Record a domain event for a member (staff), e.g. an approved self-declared item",
            description = "The rules of the member's organization react to it after it is stored (asynchronously)."
                    + " Features record their own events (hours approved, attendance).")
    @ApiResponse(responseCode = "202", description = "Stored; rules will react")
    @ApiResponse(
            responseCode = "400",
            description = "EVENT_TYPE_INVALID, QUANTITY_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<DomainEvent> record(Authentication authentication, @Body EventInput in) {
        DomainEvent event = rules.record(
                callers.of(authentication),
                in.type(),
                in.memberId(),
                in.quantity() == null ? 1 : in.quantity(),
                in.attributes() == null ? Map.of() : in.attributes());
        return HttpResponse.status(HttpStatus.ACCEPTED).body(event);
    }

    /** An edit (or archive) of a rule version that is no longer in force answers 409. */
    @Singleton
    static final class RuleNotCurrentHandler
            implements ExceptionHandler<RuleNotCurrentException, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, RuleNotCurrentException exception) {
            return HttpResponse.<ApiError>status(HttpStatus.CONFLICT)
                    .body(ApiError.of(exception.code(), exception.getMessage()));
        }
    }

    /** A reused adjustment key with other content answers 409. */
    @Singleton
    static final class DuplicateHandler
            implements ExceptionHandler<Adjustments.DuplicateAdjustment, HttpResponse<ApiError>> {
        @Override
        public HttpResponse<ApiError> handle(HttpRequest request, Adjustments.DuplicateAdjustment exception) {
            return HttpResponse.<ApiError>status(HttpStatus.CONFLICT)
                    .body(ApiError.of("DUPLICATE_WITH_DIFFERENT_CONTENT", exception.getMessage()));
        }
    }
}
