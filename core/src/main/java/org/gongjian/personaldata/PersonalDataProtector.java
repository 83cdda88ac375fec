package org.gongjian.personaldata;

import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts personal data with AES-256-GCM (random 96-bit nonce, 128-bit tag, format {@code
 * [version 1][nonce 12][ciphertext+tag]}) and computes keyed lookup hashes (HMAC-SHA256), so that
 * a value can be found and kept unique without being stored in clear.
 */
@Singleton
public final class PersonalDataProtector {

    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code Cipher.getInstance} and {@code Mac.getInstance} are slow: one instance per thread. */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The key each thread's {@link #MAC} was initialized with. */
    private static final ThreadLocal<Key> MAC_KEY = new ThreadLocal<>();

    private final SecretKeys keys;

    PersonalDataProtector(SecretKeys keys) {
        this.keys = keys;
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.encryption(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE + sealed.length)
                    .put(VERSION)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** Decrypts; a changed ciphertext or the wrong key fails (GCM authenticates). */
    public String decrypt(byte[] stored) {
        if (stored == null || stored.length < 1 + NONCE + 16 || stored[0] != VERSION) {
            throw new IllegalArgumentException("Not a value encrypted by this platform");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, keys.encryption(), new GCMParameterSpec(128, stored, 1, NONCE));
            return new String(cipher.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or tampered value", e);
        }
    }

    /** The keyed hash of a normalized value, for equality lookups and unique indexes. */
    public byte[] lookupHash(String normalized) {
        try {
            Mac mac = MAC.get();
            Key key = keys.lookup();
            if (MAC_KEY.get() != key) {
                mac.init(key);
                MAC_KEY.set(key);
            }
            return mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
