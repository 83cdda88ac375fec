package org.gongjian.security;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import jakarta.servlet.ServletRequest;
import java.util.Map;
import java.util.Optional;
import org.gongjian.server.BearerTokens;
import org.reactivestreams.Publisher;

/**
 * Checks bearer tokens against the database on every request, so that an expired token, a
 * disabled user or a changed role takes effect at once. A request whose body the server let
 * through has been checked already: the user found then is kept on the request and not looked up
 * a second time.
 */
@Singleton
final class OpaqueTokenValidator implements TokenValidator<HttpRequest<?>>, BearerTokens {

    private static final String CHECKED = OpaqueTokenValidator.class.getName() + ".checked";

    private final Accounts accounts;

    OpaqueTokenValidator(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The user a token belonged to when the server checked it, before it read the request's body. */
    private record Checked(String token, SignedInUser user) {}

    /** The same check, asked by the server before it reads a request body. */
    @Override
    public boolean accepts(String token, ServletRequest request) {
        Optional<SignedInUser> user = accounts.userForToken(token);
        user.ifPresent(u -> request.setAttribute(CHECKED, new Checked(token, u)));
        return user.isPresent();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return checkedBefore(token, request)
                .or(() -> accounts.userForToken(token))
                .map(user -> Publishers.just(Authentication.build(
                        user.username(), user.roles().stream().map(Enum::name).toList(), Map.of("userId", user.id()))))
                .orElseGet(Publishers::empty);
    }

    private static Optional<SignedInUser> checkedBefore(String token, HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof ServletRequest nativeRequest
                && nativeRequest.getAttribute(CHECKED) instanceof Checked checked
                && checked.token().equals(token)) {
            return Optional.of(checked.user());
        }
        return Optional.empty();
    }
}
