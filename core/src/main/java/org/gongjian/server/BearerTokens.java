package org.gongjian.server;

import jakarta.servlet.ServletRequest;

/**
 * Tells the server whether a bearer token belongs to a signed-in user, so that a request body is
 * never read for a caller who is not. Implemented by the security feature, which may remember on
 * the request what it found, so that the same request's authentication does not look the token up
 * again.
 */
public interface BearerTokens {

    /** Whether {@code token} (the part after {@code Bearer }) is valid now, for {@code request}. */
    boolean accepts(String token, ServletRequest request);
}
