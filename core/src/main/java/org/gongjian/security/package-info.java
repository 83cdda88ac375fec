/**
 * Users, passwords, roles and API tokens. Passwords are hashed with Argon2id (OWASP parameters);
 * API tokens are opaque random strings of which only a SHA-256 is stored, so revoking or disabling
 * takes effect on the next request. The first start creates the {@code admin} user with a random
 * password that must be changed at first login.
 */
package org.gongjian.security;
