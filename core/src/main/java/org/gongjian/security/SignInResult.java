package org.gongjian.security;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of checking a username and password. Unknown users, wrong passwords and an account
 * locked for the client's address give the same answer, so that the result does not tell which
 * usernames exist.
 *
 * @param retryAfter when {@link Status#THROTTLED}: how long the address must wait
 */
public record SignInResult(Status status, Optional<SignedInUser> user, Optional<Duration> retryAfter) {

    /** Outcomes in the order they are checked. */
    public enum Status {
        OK,
        /**
         * Too many failed attempts from the client's address ({@link SignInThrottle}): the password
         * was not checked.
         */
        THROTTLED,
        /**
         * An unknown username or a wrong password; also every password, even the right one, while
         * {@link Accounts#MAX_FAILED_ATTEMPTS} wrong ones in a row from this address lock the account
         * for it.
         */
        BAD_CREDENTIALS,
        ACCOUNT_DISABLED,
        PASSWORD_CHANGE_REQUIRED
    }

    static SignInResult failed(Status status) {
        return new SignInResult(status, Optional.empty(), Optional.empty());
    }

    static SignInResult throttled(Duration retryAfter) {
        return new SignInResult(Status.THROTTLED, Optional.empty(), Optional.of(retryAfter));
    }

    static SignInResult of(Status status, SignedInUser user) {
        return new SignInResult(status, Optional.of(user), Optional.empty());
    }
}
