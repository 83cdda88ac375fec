package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import java.net.URI;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;

@Controller("/api/members")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Members", description = "Members (党员, 志愿者, 居民), scoped to the caller's organization subtrees")
class MembersController {

    private final Members members;
    private final Callers callers;

    MembersController(Members members, Callers callers) {
        this.members = members;
        this.callers = callers;
    }

    @Get
    @Operation(
            summary = "Search members the caller may read",
            description = "q matches a name prefix (张), a pinyin or initials prefix (zhang, zs) or the last four"
                    + " characters of the phone or ID number (5678, 123X). Pages are zero-based.")
    @ApiResponse(responseCode = "200", description = "One page of members, personal data masked")
    @ApiResponse(
            responseCode = "400",
            description = "QUERY_TOO_LONG, PAGE_INVALID, SIZE_INVALID, SORT_INVALID, STATUS_INVALID,"
                    + " PARTY_STATUS_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: org does not exist or is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    MemberPage search(
            Authentication authentication,
            @Parameter(description = "Name, pinyin, initials, or last 4 of phone / ID number") @Nullable @QueryValue
                    String q,
            @Parameter(description = "Only this organization's subtree") @Nullable @QueryValue Long org,
            @Parameter(description = "ACTIVE, MOVED_OUT or DECEASED") @Nullable @QueryValue String status,
            @Parameter(description = "Members with this tag") @Nullable @QueryValue String tag,
            @Nullable @QueryValue Boolean volunteer,
            @Parameter(description = "FULL, PROBATIONARY, ACTIVIST or CANDIDATE") @Nullable @QueryValue
                    String partyStatus,
            @Parameter(description = "Zero-based page") @Nullable @QueryValue Integer page,
            @Parameter(description = "1-200, default 50") @Nullable @QueryValue Integer size,
            @Parameter(description = "name (pinyin), created or id; a leading - sorts descending") @Nullable @QueryValue
                    String sort) {
        return members.search(
                callers.of(authentication),
                new MemberSearch(
                        q,
                        org,
                        status,
                        tag,
                        volunteer,
                        partyStatus,
                        page == null ? 0 : page,
                        size == null ? MemberSearch.DEFAULT_SIZE : size,
                        sort));
    }

    @Get("/{id}")
    @Operation(summary = "One member, ID number and phone masked")
    @ApiResponse(responseCode = "200", description = "The member")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such member, or outside the caller's subtree (never told apart)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    MemberView get(Authentication authentication, long id) {
        return members.get(callers.of(authentication), id);
    }

    @Post
    @Operation(summary = "Record a member")
    @ApiResponse(responseCode = "201", description = "The member as stored")
    @ApiResponse(
            responseCode = "400",
            description = "A code of the members feature, e.g. NAME_REQUIRED, ID_NUMBER_CHECK_DIGIT, ID_NUMBER_TAKEN,"
                    + " PHONE_INVALID, ORGANIZATION_UNKNOWN; nothing was stored",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<MemberView> create(Authentication authentication, @Body MemberInput input) {
        MemberView created = members.create(callers.of(authentication), input);
        return HttpResponse.<MemberView>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/api/members/" + created.id())))
                .body(created);
    }

    @Put("/{id}")
    @Operation(
            summary = "Replace a member's data",
            description = "Send the version you read. idNumber and phone absent or still masked keep the stored"
                    + " value; an empty string clears it. Moving to another organization is a transfer.")
    @ApiResponse(responseCode = "200", description = "The member as stored, with its new version")
    @ApiResponse(
            responseCode = "400",
            description = "A code of the members feature, e.g. VERSION_REQUIRED, ID_NUMBER_TAKEN; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "MEMBER_CHANGED_MEANWHILE: someone changed the member since you read it",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    MemberView update(Authentication authentication, long id, @Body MemberInput input) {
        return members.update(callers.of(authentication), id, input);
    }

    @Post("/{id}/unmask")
    @Operation(
            summary = "The member's ID number and phone in clear",
            description = "Administrators of the member's organization only; every call is in the audit log"
                    + " as PERSONAL_DATA_UNMASKED.")
    @ApiResponse(responseCode = "200", description = "The clear values (not cached)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: staff see personal data masked only",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<UnmaskedMember> unmask(Authentication authentication, long id) {
        return HttpResponse.ok(members.unmask(callers.of(authentication), id)).header("Cache-Control", "no-store");
    }

    @Post("/{id}/transfer")
    @Operation(
            summary = "Transfer the member to another organization (组织关系转接)",
            description = "The caller administers both organizations. The transfer is kept in the history.")
    @ApiResponse(responseCode = "200", description = "The transfer")
    @ApiResponse(
            responseCode = "400",
            description = "REASON_REQUIRED, REASON_TOO_LONG, ORGANIZATION_REQUIRED, ORGANIZATION_UNKNOWN,"
                    + " ORGANIZATION_ARCHIVED, TRANSFER_TO_SAME_ORGANIZATION",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    MemberTransfer transfer(Authentication authentication, long id, @Body TransferRequest request) {
        return members.transfer(callers.of(authentication), id, request.toOrgId(), request.reason());
    }

    @Get("/{id}/history")
    @Operation(summary = "The member's transfers and the audit entries about it")
    @ApiResponse(responseCode = "200", description = "Transfers and audit entries, oldest first")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    MemberHistory history(Authentication authentication, long id) {
        return members.history(callers.of(authentication), id);
    }

    /** Where to move a member and why. */
    @Serdeable
    record TransferRequest(
            @Schema(description = "The destination organization") @Nullable Long toOrgId,
            @Schema(description = "1-200 characters") @Nullable String reason) {}
}
