package org.gongjian.membercodes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of a member's code: {@code GJM1} and 42 letters and digits of base32 (A–Z, 2–7: what a
 * hand scanner types on any keyboard layout, and QR's compact alphanumeric mode). Inside, one AES
 * block holds the member's id, the version and four zero bytes (so the text says nothing of the
 * member), followed by 80 bits of HMAC-SHA256 over the prefix and the block. The same member and
 * version always give the same text: a printed card stays valid until the version rises.
 */
final class MemberCodeToken {

    static final String PREFIX = "GJM1";
    static final int LENGTH = PREFIX.length() + 42;
    private static final int MAC_BYTES = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecretKeySpec encryption;
    private final SecretKeySpec mac;

    MemberCodeToken(byte[] encryptionKey, byte[] macKey) {
        this.encryption = new SecretKeySpec(encryptionKey, "AES");
        this.mac = new SecretKeySpec(macKey, "HmacSHA256");
    }

    /** What a valid code names. */
    record Opened(long memberId, int version) {}

    String seal(long memberId, int version) {
        byte[] block = ByteBuffer.allocate(16)
                .putLong(memberId)
                .putInt(version)
                .putInt(0)
                .array();
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, block);
        byte[] tag = tag(sealed);
        byte[] all = ByteBuffer.allocate(16 + MAC_BYTES).put(sealed).put(tag).array();
        return PREFIX + base32(all);
    }

    /** The member and version of a code this server issued; empty for anything else. */
    Optional<Opened> open(String scanned) {
        if (scanned == null) {
            return Optional.empty();
        }
        String text = scanned.strip().toUpperCase(Locale.ROOT);
        if (text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] all = unbase32(text.substring(PREFIX.length()));
        if (all == null || all.length != 16 + MAC_BYTES) {
            return Optional.empty();
        }
        byte[] sealed = Arrays.copyOfRange(all, 0, 16);
        if (!MessageDigest.isEqual(tag(sealed), Arrays.copyOfRange(all, 16, all.length))) {
            return Optional.empty();
        }
        ByteBuffer block = ByteBuffer.wrap(crypt(Cipher.DECRYPT_MODE, sealed));
        long memberId = block.getLong();
        int version = block.getInt();
        if (block.getInt() != 0 || memberId <= 0 || version < 1) {
            return Optional.empty();
        }
        return Optional.of(new Opened(memberId, version));
    }

    private byte[] crypt(int mode, byte[] block) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding"); // one block: a keyed permutation
            cipher.init(mode, encryption);
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private byte[] tag(byte[] sealed) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(mac);
            m.update(PREFIX.getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(m.doFinal(sealed), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** The bytes of a base32 text; null if a character is not of the alphabet. */
    static byte[] unbase32(String text) {
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            return null; // trailing bits must be zero: one code has one spelling
        }
        return out.array();
    }
}
