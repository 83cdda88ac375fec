package org.gongjian.security;

/** The outcome of a password change, in the order checked; anything but {@link #OK} changed nothing. */
public enum PasswordChangeResult {
    OK,
    BAD_CREDENTIALS,
    /** Too many failed attempts: the old password is not even checked until the lock ends. */
    ACCOUNT_LOCKED,
    ACCOUNT_DISABLED,
    /** Shorter than {@link PasswordPolicy#MIN_LENGTH} or longer than {@link PasswordPolicy#MAX_LENGTH}. */
    PASSWORD_LENGTH,
    /** The same as the old password or as the username. */
    PASSWORD_NOT_NEW,
    /** On the list of common passwords ({@link PasswordPolicy#isTooCommon}). */
    PASSWORD_TOO_COMMON
}
