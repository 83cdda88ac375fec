package org.gongjian.security;

/** The outcome of a password change, in the order checked; anything but {@link #OK} changed nothing. */
public enum PasswordChangeResult {
    OK,
    /** Too many failed attempts from the client's address: the old password was not checked. */
    THROTTLED,
    BAD_CREDENTIALS,
    /**
     * Too many wrong passwords from this address: the old password is not even checked until the
     * lock ends. The anonymous API answers this like {@link #BAD_CREDENTIALS}.
     */
    ACCOUNT_LOCKED,
    ACCOUNT_DISABLED,
    /** Shorter than {@link PasswordPolicy#MIN_LENGTH} or longer than {@link PasswordPolicy#MAX_LENGTH}. */
    PASSWORD_LENGTH,
    /** The same as the old password or as the username. */
    PASSWORD_NOT_NEW,
    /** On the list of common passwords ({@link PasswordPolicy#isTooCommon}). */
    PASSWORD_TOO_COMMON
}
