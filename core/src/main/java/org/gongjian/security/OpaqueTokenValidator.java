package org.gongjian.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.gongjian.server.BearerTokens;
import org.reactivestreams.Publisher;

/**
 * Checks bearer tokens against the database on every request, so that an expired token, a
 * disabled user or a changed role takes effect at once.
 */
@Singleton
final class OpaqueTokenValidator implements TokenValidator<HttpRequest<?>>, BearerTokens {

    private final Accounts accounts;

    OpaqueTokenValidator(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The same check, asked by the server before it reads a request body. */
    @Override
    public boolean accepts(String token) {
        return accounts.userForToken(token).isPresent();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return accounts.userForToken(token)
                .map(user -> Publishers.just(Authentication.build(
                        user.username(), user.roles().stream().map(Enum::name).toList(), Map.of("userId", user.id()))))
                .orElseGet(Publishers::empty);
    }
}
