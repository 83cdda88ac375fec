package org.gongjian.security;

/**
 * The stable codes with which user administration refuses input (HTTP 400). Each is thrown before
 * anything changes. A user or organization outside the caller's scope is never one of these: it
 * answers 404 {@code NOT_FOUND}, exactly like a missing one.
 */
public final class UserErrors {

    /** 3 to 64 characters of {@code a-z 0-9 . _ -}. */
    public static final String USERNAME_INVALID = "USERNAME_INVALID";

    public static final String USERNAME_TAKEN = "USERNAME_TAKEN";
    public static final String MEMBER_HAS_ACCOUNT = "MEMBER_HAS_ACCOUNT";
    /** A role name that is not one of {@link org.gongjian.access.Role}. */
    public static final String ROLE_INVALID = "ROLE_INVALID";
    /** An organization named without a role to grant on it. */
    public static final String ROLE_REQUIRED = "ROLE_REQUIRED";
    /** {@code PLATFORM_ADMIN} named with an organization. */
    public static final String ROLE_SCOPE = "ROLE_SCOPE";
    /** An organization role named without an organization. */
    public static final String ORGANIZATION_REQUIRED = "ORGANIZATION_REQUIRED";

    public static final String CANNOT_DISABLE_SELF = "CANNOT_DISABLE_SELF";
    /** The last enabled platform administrator keeps the role and stays enabled. */
    public static final String LAST_PLATFORM_ADMIN = "LAST_PLATFORM_ADMIN";

    public static final String QUERY_TOO_LONG = "QUERY_TOO_LONG";
    public static final String PAGE_INVALID = "PAGE_INVALID";
    public static final String SIZE_INVALID = "SIZE_INVALID";

    private UserErrors() {}
}
