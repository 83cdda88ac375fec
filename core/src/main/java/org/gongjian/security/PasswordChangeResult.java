package org.gongjian.security;

/** The outcome of a password change; anything but {@link #OK} changed nothing. */
public enum PasswordChangeResult {
    OK,
    BAD_CREDENTIALS,
    ACCOUNT_DISABLED,
    /** Shorter than {@link PasswordPolicy#MIN_LENGTH} or longer than {@link PasswordPolicy#MAX_LENGTH}. */
    PASSWORD_LENGTH,
    /** The same as the old password or as the username. */
    PASSWORD_NOT_NEW
}
