package org.gongjian.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import org.gongjian.audit.AuditEvent;
import org.gongjian.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 401 (no or bad token) and 403 (not allowed) as {@link ApiError}s, never a redirect. A 403 is a
 * permission denial and is audited as {@value #ACCESS_DENIED} with the user, the method and path
 * (no query string: it may hold personal data) and the client address.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class AuthorizationErrors implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    static final String ACCESS_DENIED = "ACCESS_DENIED";

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationErrors.class);

    private final AuditLog audit;

    AuthorizationErrors(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            recordDenial(request, exception.getAuthentication());
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(ApiErrorResponses.error(ErrorCodes.FORBIDDEN, ApiErrorLanguage.language(request)));
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ApiErrorResponses.error(ErrorCodes.UNAUTHORIZED, ApiErrorLanguage.language(request)));
    }

    private void recordDenial(HttpRequest<?> request, Authentication authentication) {
        Authentication who = authentication != null
                ? authentication
                : request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class)
                        .orElse(null);
        String name = who != null
                ? who.getName()
                : request.getUserPrincipal().map(p -> p.getName()).orElse("?");
        Long userId = who != null && who.getAttributes().get("userId") instanceof Number n ? n.longValue() : null;
        try {
            audit.append(new AuditEvent(
                    userId,
                    name,
                    ACCESS_DENIED,
                    "API",
                    null,
                    null,
                    null,
                    request.getMethodName() + " " + request.getPath(),
                    HttpCallOrigin.clientIp(request)));
        } catch (RuntimeException e) {
            // The answer stays a 403 even when the audit log cannot be written; the log says why.
            LOG.error("Cannot audit the denial of {} {} to {}", request.getMethodName(), request.getPath(), name, e);
        }
    }
}
