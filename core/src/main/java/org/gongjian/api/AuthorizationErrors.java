package org.gongjian.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** 401 (no or bad token) and 403 (not allowed) as {@link ApiError}s, never a redirect. */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationErrors implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.FORBIDDEN)
                    .body(ApiError.of(ErrorCodes.FORBIDDEN, "Your roles do not allow this"));
        }
        return HttpResponse.status(io.micronaut.http.HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ApiError.of(ErrorCodes.UNAUTHORIZED, "Send a valid token: Authorization: Bearer <token>"));
    }
}
