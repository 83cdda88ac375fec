package org.gongjian.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must satisfy: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, not
 * the old password or the username, and not one of the passwords attackers try first (the list in
 * {@code common-passwords.txt}, compared case-insensitively).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;

    /** Argon2 hashes any length; the cap keeps a single request from costing much. */
    public static final int MAX_LENGTH = 128;

    private static final String COMMON_PASSWORDS = "common-passwords.txt";

    /** No 0/O, 1/l/I: a generated password is read off a screen or a slip of paper and typed by hand. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

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
        if (isTooCommon(newPassword)) {
            return PasswordChangeResult.PASSWORD_TOO_COMMON;
        }
        return PasswordChangeResult.OK;
    }

    /** Whether the password, in any case, is on the list of common passwords. */
    public static boolean isTooCommon(String password) {
        return password != null && Common.PASSWORDS.contains(password.toLowerCase(Locale.ROOT));
    }

    /** A random one-time password of 16 characters (about 93 bits), easy to read and type. */
    static String generate() {
        StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** How many passwords the list holds. */
    static int commonPasswordCount() {
        return Common.PASSWORDS.size();
    }

    /** Loaded on first use, once. */
    private static final class Common {

        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
                if (in == null) {
                    throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the class path");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                return reader.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .map(line -> line.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
