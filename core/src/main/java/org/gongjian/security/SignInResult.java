package org.gongjian.security;

import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of checking a username and password. Unknown users and wrong passwords give the same
 * answer, so that the result does not tell which usernames exist.
 *
 * @param lockedUntil when {@link Status#ACCOUNT_LOCKED}: when the lock ends
 */
public record SignInResult(Status status, Optional<SignedInUser> user, Optional<Instant> lockedUntil) {

    /** Outcomes in the order they are checked. */
    public enum Status {
        OK,
        BAD_CREDENTIALS,
        /**
         * {@link Accounts#MAX_FAILED_ATTEMPTS} wrong passwords in a row: every password, even the
         * right one, is refused until the lock ends.
         */
        ACCOUNT_LOCKED,
        ACCOUNT_DISABLED,
        PASSWORD_CHANGE_REQUIRED
    }

    static SignInResult failed(Status status) {
        return new SignInResult(status, Optional.empty(), Optional.empty());
    }

    static SignInResult locked(Instant until) {
        return new SignInResult(Status.ACCOUNT_LOCKED, Optional.empty(), Optional.of(until));
    }

    static SignInResult of(Status status, SignedInUser user) {
        return new SignInResult(status, Optional.of(user), Optional.empty());
    }
}
