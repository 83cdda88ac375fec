package org.gongjian.server;

/**
 * Tells the server whether a bearer token belongs to a signed-in user, so that a request body is
 * never read for a caller who is not. Implemented by the security feature.
 */
public interface BearerTokens {

    /** Whether {@code token} (the part after {@code Bearer }) is valid now. */
    boolean accepts(String token);
}
