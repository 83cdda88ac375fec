package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.api.ApiError;
import org.gongjian.errors.InvalidInputException;

/**
 * Users and their roles over HTTP, as {@link UserAdmin} manages them: everything is scoped to the
 * caller's subtrees, and a user or organization outside them answers 404 exactly like a missing
 * one.
 */
@Controller("/api/users")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Users", description = "Accounts and their roles on organizations, scoped to the caller's subtrees")
@ApiResponse(
        responseCode = "404",
        description = "NOT_FOUND: no such user or organization, or outside your subtrees (never told apart)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
class UsersController {

    private static final int DEFAULT_SIZE = 50;

    private final UserAdmin users;
    private final Callers callers;

    UsersController(UserAdmin users, Callers callers) {
        this.users = users;
        this.callers = callers;
    }

    @Get
    @Operation(
            summary = "The users you manage, by username",
            description = "A platform administrator sees every user; an organization administrator the users"
                    + " holding a role in their subtrees or signing in as a member of them, with the roles held"
                    + " there; anyone else an empty page. Pages are zero-based.")
    @ApiResponse(responseCode = "200", description = "One page of users")
    @ApiResponse(
            responseCode = "400",
            description = "QUERY_TOO_LONG, PAGE_INVALID, SIZE_INVALID",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    UserPage list(
            Authentication authentication,
            @Parameter(description = "Part of the username or of the member's name") @Nullable @QueryValue String q,
            @Parameter(description = "Only users of this organization's subtree") @Nullable @QueryValue Long org,
            @Parameter(description = "Zero-based page") @Nullable @QueryValue Integer page,
            @Parameter(description = "1-200, default 50") @Nullable @QueryValue Integer size) {
        return users.search(
                callers.of(authentication), q, org, page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    @Get("/{id}")
    @Operation(summary = "One user you manage")
    @ApiResponse(responseCode = "200", description = "The user with the roles you may see")
    UserSummary get(Authentication authentication, @PathVariable long id) {
        return users.find(callers.of(authentication), id);
    }

    @Post
    @Operation(
            summary = "Create a user, optionally with a first role",
            description = "Without initialPassword a one-time password is generated and answered once in"
                    + " generatedPassword (never stored in clear, never shown again); either way the user chooses a"
                    + " new password at the first sign-in. An organization administrator creates users for members"
                    + " and roles of their subtrees.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the user")
    @ApiResponse(
            responseCode = "400",
            description = "USERNAME_INVALID, USERNAME_TAKEN, MEMBER_HAS_ACCOUNT, PASSWORD_LENGTH, PASSWORD_NOT_NEW,"
                    + " PASSWORD_TOO_COMMON, ROLE_INVALID, ROLE_REQUIRED, ROLE_SCOPE, ORGANIZATION_REQUIRED;"
                    + " nothing was stored",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators create users, only platform administrators grant"
                    + " PLATFORM_ADMIN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<NewUser> create(Authentication authentication, @Body CreateUserRequest request) {
        Role role = request.role() == null ? null : role(request.role());
        NewUser created = users.createUser(
                callers.of(authentication),
                request.username(),
                request.initialPassword(),
                request.memberId(),
                role,
                request.organizationId());
        return HttpResponse.<NewUser>status(HttpStatus.CREATED)
                .headers(h ->
                        h.location(URI.create("/api/users/" + created.user().id())))
                .header("Cache-Control", "no-store")
                .body(created);
    }

    @Post("/{id}/roles")
    @Operation(
            summary = "Grant a role on an organization (covering its subtree)",
            description = "Granting a role the user already holds there changes nothing. PLATFORM_ADMIN has no"
                    + " organization and only platform administrators grant it.")
    @ApiResponse(responseCode = "200", description = "The role as held")
    @ApiResponse(
            responseCode = "400",
            description = "ROLE_INVALID, ROLE_SCOPE, ORGANIZATION_REQUIRED; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: your role does not grant roles there",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    UserRole grant(Authentication authentication, @PathVariable long id, @Body RoleRequest request) {
        return users.grant(callers.of(authentication), id, role(request.role()), request.organizationId());
    }

    @Delete("/{id}/roles/{role}")
    @Operation(
            summary = "Revoke a role",
            description = "The role as granted: its name and, except for PLATFORM_ADMIN, the organization. The"
                    + " last enabled platform administrator keeps the role.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(
            responseCode = "400",
            description = "ROLE_INVALID, ROLE_SCOPE, ORGANIZATION_REQUIRED, LAST_PLATFORM_ADMIN; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> revoke(
            Authentication authentication,
            @PathVariable long id,
            @Parameter(description = "ORG_ADMIN, ORG_STAFF, VOLUNTEER or PLATFORM_ADMIN") @PathVariable String role,
            @Parameter(description = "Where the role is granted") @Nullable @QueryValue Long organizationId) {
        users.revoke(callers.of(authentication), id, role(role), organizationId);
        return HttpResponse.noContent();
    }

    @Post("/{id}/disable")
    @Operation(
            summary = "Disable a user",
            description = "They cannot sign in, their API tokens are deleted and their UI sessions end. An"
                    + " organization administrator disables only users whose every role lies in their subtrees.")
    @ApiResponse(responseCode = "204", description = "Disabled (or already so)")
    @ApiResponse(
            responseCode = "400",
            description = "CANNOT_DISABLE_SELF, LAST_PLATFORM_ADMIN",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: the user also holds roles outside your subtrees",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> disable(Authentication authentication, @PathVariable long id) {
        users.disable(callers.of(authentication), id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/enable")
    @Operation(summary = "Enable a disabled user again (old API tokens stay deleted)")
    @ApiResponse(responseCode = "204", description = "Enabled (or already so)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: the user also holds roles outside your subtrees",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> enable(Authentication authentication, @PathVariable long id) {
        users.enable(callers.of(authentication), id);
        return HttpResponse.noContent();
    }

    private static Role role(@Nullable String name) {
        String value = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Role.values())
                .filter(r -> r.name().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        UserErrors.ROLE_INVALID,
                        "role",
                        "The role is one of PLATFORM_ADMIN, ORG_ADMIN, ORG_STAFF, VOLUNTEER"));
    }

    /**
     * A new user.
     *
     * @param role the first role, if any; organizationId says where
     */
    @Serdeable
    record CreateUserRequest(
            @Schema(description = "3-64 characters of a-z 0-9 . _ -; stored in lower case") @Nullable String username,
            @Schema(description = "8-128 characters; absent to generate a one-time password") @Nullable
                    String initialPassword,
            @Schema(description = "The member the user signs in as") @Nullable Long memberId,
            @Schema(description = "ORG_ADMIN, ORG_STAFF, VOLUNTEER or PLATFORM_ADMIN") @Nullable String role,
            @Nullable Long organizationId) {}

    /** A role to grant and where. */
    @Serdeable
    record RoleRequest(
            @Schema(description = "ORG_ADMIN, ORG_STAFF, VOLUNTEER or PLATFORM_ADMIN") @Nullable String role,
            @Schema(description = "Where the role is granted; absent for PLATFORM_ADMIN") @Nullable
                    Long organizationId) {}
}
