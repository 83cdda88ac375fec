package org.gongjian.personaldata;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.gongjian.home.GongjianHome;

/**
 * The platform's secret keys: one for encrypting personal data, one for lookup hashes, one for
 * the audit chain. Taken from {@code gongjian.secret-key} (base64 of 96 random bytes; environment
 * {@code GONGJIAN_SECRET_KEY}) or from {@code $GONGJIAN_HOME/keys/secret.key}, which is generated
 * on first start. Losing the key makes encrypted data unreadable: back it up with the database,
 * but not in the same place.
 */
@Singleton
public final class SecretKeys {

    static final int LENGTH = 96;

    private final SecretKeySpec encryption;
    private final SecretKeySpec lookup;
    private final SecretKeySpec audit;
    private final SecretKeySpec ledger;

    SecretKeys(GongjianHome home, @Nullable @Value("${gongjian.secret-key:}") String configured) {
        byte[] material = configured == null || configured.isBlank() ? fromHome(home) : decode(configured.strip());
        this.encryption = new SecretKeySpec(Arrays.copyOfRange(material, 0, 32), "AES");
        this.lookup = new SecretKeySpec(Arrays.copyOfRange(material, 32, 64), "HmacSHA256");
        this.audit = new SecretKeySpec(Arrays.copyOfRange(material, 64, 96), "HmacSHA256");
        this.ledger = derive(audit, "gongjian-ledger-chain");
        Arrays.fill(material, (byte) 0);
    }

    SecretKeySpec encryption() {
        return encryption;
    }

    SecretKeySpec lookup() {
        return lookup;
    }

    /** The key of the audit chain's HMAC: without it, a rewritten chain cannot be made to verify. */
    public SecretKeySpec audit() {
        return audit;
    }

    /**
     * The key of the ledger's entry chains, derived from the audit key (so the key file stays the
     * same): without it, rewritten entries cannot be made to verify.
     */
    public SecretKeySpec ledger() {
        return ledger;
    }

    /** A secret for one purpose (e.g. a plugin's database password), derived from the server key. */
    public byte[] derived(String purpose) {
        return derive(audit, purpose).getEncoded();
    }

    private static SecretKeySpec derive(SecretKeySpec parent, String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(parent);
            return new SecretKeySpec(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] fromHome(GongjianHome home) {
        Path file = home.directory("keys").resolve("secret.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            byte[] material = new byte[LENGTH];
            new SecureRandom().nextBytes(material);
            home.writePrivateFile("keys/secret.key", Base64.getEncoder().encodeToString(material) + "\n");
            return material;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the secret key " + file, e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] material = Base64.getDecoder().decode(base64);
        if (material.length != LENGTH) {
            throw new IllegalArgumentException(
                    "The secret key must be " + LENGTH + " bytes (base64), was " + material.length);
        }
        return material;
    }
}
