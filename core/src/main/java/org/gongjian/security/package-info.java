/**
 * Users, passwords, roles and API tokens. Passwords are hashed with Argon2id (OWASP parameters)
 * and must have 8 to 128 characters and not be among the common passwords of {@code
 * common-passwords.txt}; five wrong passwords in a row lock an account for 15 minutes, counted by
 * one guarded UPDATE per attempt so that concurrent attempts on any number of app nodes lock
 * exactly once. API tokens are opaque random strings of which only a SHA-256 is stored, checked
 * against the database on every request, so revoking or disabling takes effect on the next
 * request. {@link org.gongjian.security.UserAdmin} manages users and roles within the caller's
 * subtree. Sign-ins, locks, password changes and every change to users and roles are audited. The
 * first start creates the {@code admin} user with a random password that must be changed at first
 * login. It owns {@code app_user}, {@code role_grant} and {@code api_token}, answers the {@link
 * org.gongjian.access.CallerSource} of every request, and reads organizations through {@link
 * org.gongjian.organizations.Organizations} and linked members through {@link
 * org.gongjian.access.MemberScopes}.
 */
package org.gongjian.security;
