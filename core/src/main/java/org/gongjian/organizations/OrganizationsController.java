package org.gongjian.organizations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;

/**
 * The organization tree over HTTP. Everything is scoped to the caller: an organization outside
 * their subtrees answers 404 exactly like one that does not exist.
 */
@Controller("/api/orgs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Organizations")
@ApiResponse(
        responseCode = "404",
        description = "NOT_FOUND: no such organization, or not in your subtrees",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
class OrganizationsController {

    private final Organizations organizations;
    private final Callers callers;

    OrganizationsController(Organizations organizations, Callers callers) {
        this.organizations = organizations;
        this.callers = callers;
    }

    @Get
    @Operation(
            summary = "The organization tree you may see",
            description = "One tree per top-most organization you may read (everything for a platform"
                    + " administrator, nothing for a volunteer); archived organizations are left out; children"
                    + " by name; active member counts per node and per subtree.")
    List<OrganizationNode> tree(Authentication authentication) {
        return organizations.tree(callers.of(authentication));
    }

    @Get("/{id}")
    @Operation(summary = "One organization (archived ones included)")
    Organization get(@PathVariable long id, Authentication authentication) {
        return organizations.get(callers.of(authentication), id);
    }

    @Get("/{id}/children")
    @Operation(summary = "The non-archived children of an organization, by name")
    List<Organization> children(@PathVariable long id, Authentication authentication) {
        return organizations.children(callers.of(authentication), id);
    }

    @Post
    @Operation(
            summary = "Create an organization",
            description = "Below parentId, which you must manage; without parentId at the top level (platform"
                    + " administrators only). Kinds: a GRID below a COMMUNITY or VILLAGE, a GROUP below a BRANCH or"
                    + " GENERAL_BRANCH, a BRANCH below a PARTY_COMMITTEE, GENERAL_BRANCH, COMMUNITY or VILLAGE.")
    @ApiResponse(responseCode = "201", description = "Created; Location names it")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, ORGANIZATION_NAME_REQUIRED, ORGANIZATION_NAME_TOO_LONG,"
                    + " ORGANIZATION_NAME_CHARACTERS, ORGANIZATION_NAME_TAKEN, ORGANIZATION_KIND_NOT_ALLOWED,"
                    + " ORGANIZATION_ARCHIVED, ORGANIZATION_TOO_DEEP",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: your role does not change this structure",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Organization> create(@Body @Valid CreateRequest request, Authentication authentication) {
        Organization created =
                organizations.create(callers.of(authentication), request.parentId(), request.kind(), request.name());
        return HttpResponse.created(created, URI.create("/api/orgs/" + created.id()));
    }

    @Put("/{id}")
    @Operation(summary = "Rename an organization (1–100 characters, unique among its siblings)")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, ORGANIZATION_NAME_REQUIRED, ORGANIZATION_NAME_TOO_LONG,"
                    + " ORGANIZATION_NAME_CHARACTERS, ORGANIZATION_NAME_TAKEN, ORGANIZATION_ARCHIVED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Organization rename(@PathVariable long id, @Body @Valid RenameRequest request, Authentication authentication) {
        return organizations.rename(callers.of(authentication), id, request.name());
    }

    @Post("/{id}/move")
    @Operation(
            summary = "Move an organization with its whole subtree",
            description = "You must manage the organization and the new parent. Members and households of the"
                    + " subtree move with it.")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, ORGANIZATION_MOVE_CYCLE, ORGANIZATION_KIND_NOT_ALLOWED,"
                    + " ORGANIZATION_NAME_TAKEN, ORGANIZATION_ARCHIVED, ORGANIZATION_TOO_DEEP",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Organization move(@PathVariable long id, @Body @Valid MoveRequest request, Authentication authentication) {
        return organizations.move(callers.of(authentication), id, request.newParentId());
    }

    @Post("/{id}/archive")
    @Operation(
            summary = "Archive an organization",
            description = "Refused while it has active members or organizations below it that are not archived."
                    + " Archiving it again changes nothing.")
    @ApiResponse(
            responseCode = "400",
            description = "ORGANIZATION_NOT_EMPTY",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    Organization archive(@PathVariable long id, Authentication authentication) {
        return organizations.archive(callers.of(authentication), id);
    }

    /**
     * @param parentId the parent; absent for a top-level organization
     * @param name checked by the service (1 to 100 characters once trimmed); the size limit here only
     *     keeps oversized bodies out
     */
    @Serdeable
    record CreateRequest(
            @Nullable Long parentId, @NotNull OrganizationKind kind, @NotNull @Size(max = 1000) String name) {}

    @Serdeable
    record RenameRequest(@NotNull @Size(max = 1000) String name) {}

    @Serdeable
    record MoveRequest(@NotNull Long newParentId) {}
}
