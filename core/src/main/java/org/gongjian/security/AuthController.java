package org.gongjian.security;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.gongjian.api.ApiError;

@Controller("/api/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
class AuthController {

    private final Accounts accounts;

    AuthController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Post("/token")
    @Operation(summary = "Exchange a username and password for an API access token")
    @ApiResponse(responseCode = "200", description = "The token, to send as 'Authorization: Bearer <token>'")
    @ApiResponse(
            responseCode = "401",
            description = "BAD_CREDENTIALS",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "PASSWORD_CHANGE_REQUIRED (use POST /api/auth/password first) or ACCOUNT_DISABLED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> token(@Body @Valid TokenRequest request) {
        SignInResult result = accounts.signIn(request.username(), request.password());
        return switch (result.status()) {
            case OK -> {
                IssuedToken token = accounts.issueToken(result.user().orElseThrow());
                yield HttpResponse.ok(new TokenResponse(
                        token.value(), "Bearer", token.validFor().toSeconds()));
            }
            case BAD_CREDENTIALS -> badCredentials();
            case ACCOUNT_DISABLED -> accountDisabled();
            case PASSWORD_CHANGE_REQUIRED ->
                HttpResponse.status(HttpStatus.FORBIDDEN)
                        .body(ApiError.of(
                                "PASSWORD_CHANGE_REQUIRED",
                                "The password must be changed first: POST /api/auth/password"));
        };
    }

    @Post("/password")
    @Operation(summary = "Change a password, knowing the old one")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(
            responseCode = "400",
            description = "VALIDATION_FAILED, PASSWORD_LENGTH or PASSWORD_NOT_NEW",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "401",
            description = "BAD_CREDENTIALS",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> changePassword(@Body @Valid PasswordChangeRequest request) {
        PasswordChangeResult result =
                accounts.changePassword(request.username(), request.oldPassword(), request.newPassword());
        return switch (result) {
            case OK -> HttpResponse.noContent();
            case BAD_CREDENTIALS -> badCredentials();
            case ACCOUNT_DISABLED -> accountDisabled();
            case PASSWORD_LENGTH ->
                HttpResponse.badRequest(ApiError.of(
                        "PASSWORD_LENGTH",
                        "A password has " + PasswordPolicy.MIN_LENGTH + " to " + PasswordPolicy.MAX_LENGTH
                                + " characters"));
            case PASSWORD_NOT_NEW ->
                HttpResponse.badRequest(ApiError.of(
                        "PASSWORD_NOT_NEW", "The new password must differ from the old one and from the username"));
        };
    }

    private static HttpResponse<ApiError> badCredentials() {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .body(ApiError.of("BAD_CREDENTIALS", "Unknown username or wrong password"));
    }

    private static HttpResponse<ApiError> accountDisabled() {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .body(ApiError.of("ACCOUNT_DISABLED", "This account is disabled"));
    }

    @Serdeable
    record TokenRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {}

    @Serdeable
    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    @Serdeable
    record PasswordChangeRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 128) String oldPassword,
            @NotBlank @Size(max = 128) String newPassword) {}
}
