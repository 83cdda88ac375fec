package org.gongjian.security;

/**
 * The audit actions of accounts and access: stable names an auditor filters on. The attempted
 * username of a failed sign-in is recorded (truncated, control characters removed); a password
 * never is.
 */
public final class SecurityAudit {

    /** A password was accepted (also when the user must change it before doing anything else). */
    public static final String LOGIN_SUCCEEDED = "LOGIN_SUCCEEDED";
    /** A password was refused: unknown user, wrong password, locked or disabled account. */
    public static final String LOGIN_FAILED = "LOGIN_FAILED";
    /** The failure that locked an account. */
    public static final String ACCOUNT_LOCKED = "ACCOUNT_LOCKED";

    public static final String PASSWORD_CHANGED = "PASSWORD_CHANGED";
    public static final String USER_CREATED = "USER_CREATED";
    public static final String USER_DISABLED = "USER_DISABLED";
    public static final String USER_ENABLED = "USER_ENABLED";
    public static final String ROLE_GRANTED = "ROLE_GRANTED";
    public static final String ROLE_REVOKED = "ROLE_REVOKED";
    /** A signed-in user was refused a page or an endpoint their roles do not allow. */
    public static final String ACCESS_DENIED = "ACCESS_DENIED";

    /** The {@code target_type} of entries about an account. */
    public static final String USER = "USER";

    private static final int MAX_ATTEMPTED_USERNAME = 64;

    private SecurityAudit() {}

    /**
     * An attempted username as it may be logged: at most 64 characters, no control characters
     * (no forged log lines), {@code "?"} when empty.
     */
    public static String attemptedUsername(String attempted) {
        if (attempted == null || attempted.isBlank()) {
            return "?";
        }
        StringBuilder clean = new StringBuilder();
        attempted.strip().codePoints().limit(MAX_ATTEMPTED_USERNAME).forEach(c -> {
            clean.appendCodePoint(Character.isISOControl(c) ? '?' : c);
        });
        return clean.toString();
    }
}
