package org.gongjian.security;

import java.util.Optional;

/**
 * The outcome of checking a username and password. Unknown users and wrong passwords give the same
 * answer, so that the result does not tell which usernames exist.
 */
public record SignInResult(Status status, Optional<SignedInUser> user) {

    /** Outcomes in the order they are checked. */
    public enum Status {
        OK,
        BAD_CREDENTIALS,
        ACCOUNT_DISABLED,
        PASSWORD_CHANGE_REQUIRED
    }

    static SignInResult failed(Status status) {
        return new SignInResult(status, Optional.empty());
    }

    static SignInResult of(Status status, SignedInUser user) {
        return new SignInResult(status, Optional.of(user));
    }
}
