package org.gongjian.security;

/** What a new password must satisfy. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    /** Argon2 hashes any length; the cap keeps a single request from costing much. */
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {}

    static PasswordChangeResult check(String username, String oldPassword, String newPassword) {
        if (newPassword == null
                || newPassword.codePointCount(0, newPassword.length()) < MIN_LENGTH
                || newPassword.length() > MAX_LENGTH) {
            return PasswordChangeResult.PASSWORD_LENGTH;
        }
        if (newPassword.equals(oldPassword) || newPassword.equalsIgnoreCase(username)) {
            return PasswordChangeResult.PASSWORD_NOT_NEW;
        }
        return PasswordChangeResult.OK;
    }
}
