package org.gongjian.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id with the OWASP minimum parameters (19 MiB of memory, 2 iterations, 1 lane), 16-byte
 * random salt, 32-byte hash, stored in the PHC string format so the parameters can be raised later
 * without invalidating existing hashes.
 */
@Singleton
class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    /** A hash of a throwaway password, verified when the user does not exist to keep timing even. */
    private final String decoy = hash("decoy-password-for-unknown-users");

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    boolean matches(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** Spends the same time as a real check, for a user that does not exist. */
    void burnCheck(String password) {
        matches(password == null ? "" : password, decoy);
    }
}
