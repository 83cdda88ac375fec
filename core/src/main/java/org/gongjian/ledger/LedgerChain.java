package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.crypto.Mac;
import org.gongjian.personaldata.SecretKeys;

/**
 * The ledger's hashes: an HMAC over each transfer, an HMAC chain over each account's entries (keyed
 * outside the database, so rewritten rows cannot be made to verify), and a plain SHA-256 of a
 * request's content for idempotency.
 */
@Singleton
final class LedgerChain {

    static final byte[] GENESIS = new byte[32];

    private final ThreadLocal<Mac> macs;

    LedgerChain(SecretKeys keys) {
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(keys.ledger());
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    byte[] transferHash(Transfer t, String orgPath) {
        Canonical c = new Canonical();
        c.add(t.id())
                .add(t.requestId())
                .add(t.assetId())
                .add(t.debitAccountId())
                .add(t.creditAccountId())
                .add(t.amount())
                .add(t.reasonCode())
                .add(t.category())
                .add(t.memo())
                .add(t.sourceType())
                .add(t.sourceRef())
                .add(t.reversesId())
                .add(t.actorUserId())
                .add(t.organizationId())
                .add(orgPath)
                .add(t.postedAt());
        return macs.get().doFinal(c.bytes());
    }

    byte[] entryHash(
            byte[] previous,
            long accountId,
            long seq,
            long transferId,
            long assetId,
            long amount,
            long balance,
            String counterpartyType,
            Instant postedAt,
            byte[] transferHash) {
        Canonical c = new Canonical();
        c.add(previous)
                .add(accountId)
                .add(seq)
                .add(transferId)
                .add(assetId)
                .add(amount)
                .add(balance)
                .add(counterpartyType)
                .add(postedAt)
                .add(transferHash);
        return macs.get().doFinal(c.bytes());
    }

    /** What makes two requests "the same content": organization and every transfer's fields. */
    static byte[] contentHash(Posting posting) {
        Canonical c = new Canonical();
        c.add(posting.organizationId()).add(posting.transfers().size());
        for (TransferSpec t : posting.transfers()) {
            c.add(t.debitAccountId())
                    .add(t.creditAccountId())
                    .add(t.amount())
                    .add(t.reasonCode())
                    .add(t.category())
                    .add(t.memo())
                    .add(t.sourceType())
                    .add(t.sourceRef())
                    .add(t.reversesId());
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.bytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Length-prefixed, typed fields: no two different field lists encode to the same bytes. */
    private static final class Canonical {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Canonical add(long value) {
            try {
                out.writeByte('L');
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Canonical add(@Nullable Long value) {
            if (value == null) {
                return nothing();
            }
            return add(value.longValue());
        }

        Canonical add(@Nullable String value) {
            if (value == null) {
                return nothing();
            }
            return add(value.getBytes(StandardCharsets.UTF_8), 'S');
        }

        Canonical add(byte[] value) {
            return add(value, 'B');
        }

        Canonical add(Instant value) {
            Instant micros = value.truncatedTo(ChronoUnit.MICROS);
            return add(micros.getEpochSecond()).add((long) micros.getNano());
        }

        private Canonical add(byte[] value, char type) {
            try {
                out.writeByte(type);
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        private Canonical nothing() {
            try {
                out.writeByte('N');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
