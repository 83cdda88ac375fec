package org.gongjian.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
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
import java.net.InetSocketAddress;
import java.time.Duration;
import org.gongjian.api.ApiError;
import org.gongjian.api.ApiMessages;

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
            description = "BAD_CREDENTIALS: an unknown username or a wrong password; also any password while 5"
                    + " wrong ones in a row from this address lock the account for it (15 minutes)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "PASSWORD_CHANGE_REQUIRED (use POST /api/auth/password first) or ACCOUNT_DISABLED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "429",
            description = "TOO_MANY_ATTEMPTS: too many failed sign-ins from this address, whatever the usernames;"
                    + " Retry-After gives the seconds to wait",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> token(@Body @Valid TokenRequest request, HttpRequest<?> http) {
        SignInResult result = accounts.signIn(request.username(), request.password(), clientIp(http));
        return switch (result.status()) {
            case OK -> {
                IssuedToken token = accounts.issueToken(result.user().orElseThrow());
                yield HttpResponse.ok(new TokenResponse(
                        token.value(), "Bearer", token.validFor().toSeconds()));
            }
            case THROTTLED -> throttled(result.retryAfter().orElseThrow());
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
            description = "VALIDATION_FAILED, PASSWORD_LENGTH, PASSWORD_NOT_NEW or PASSWORD_TOO_COMMON",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "401",
            description = "BAD_CREDENTIALS (counts towards the throttle and the lock like a wrong sign-in; a"
                    + " locked account answers the same)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "ACCOUNT_DISABLED",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "429",
            description = "TOO_MANY_ATTEMPTS, with Retry-After",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> changePassword(@Body @Valid PasswordChangeRequest request, HttpRequest<?> http) {
        PasswordChangeResult result = accounts.changePassword(
                request.username(), request.oldPassword(), request.newPassword(), clientIp(http));
        return switch (result) {
            case OK -> HttpResponse.noContent();
            case THROTTLED -> throttled(accounts.throttledFor(clientIp(http)).orElse(Duration.ofSeconds(1)));
            // Answered like a wrong password: a lock must not tell that the username exists.
            case BAD_CREDENTIALS, ACCOUNT_LOCKED -> badCredentials();
            case ACCOUNT_DISABLED -> accountDisabled();
            case PASSWORD_LENGTH, PASSWORD_NOT_NEW, PASSWORD_TOO_COMMON ->
                HttpResponse.badRequest(ApiError.of(
                        result.name(),
                        ApiMessages.message(
                                result.name(),
                                UserAdmin.passwordMessage(result),
                                ApiMessages.language(http.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)),
                                UserAdmin.passwordArguments(result))));
        };
    }

    private static HttpResponse<ApiError> throttled(Duration retryAfter) {
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                .body(ApiError.of(
                        "TOO_MANY_ATTEMPTS",
                        "Too many failed sign-ins from this address: try again after Retry-After seconds"));
    }

    /**
     * The address the request came from, as the server saw it: the socket's peer. No forwarding
     * header ({@code X-Forwarded-For}) is trusted, so behind a reverse proxy every client counts as
     * the proxy's address.
     */
    static String clientIp(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? null
                : remote.getAddress().getHostAddress();
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
