package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.regex.Pattern;
import org.gongjian.errors.InvalidInputException;

/**
 * A request to post transfers atomically: all of them or none.
 *
 * @param clientId whose idempotency key this is: the user, or 0 for the platform's own jobs
 * @param idempotencyKey 1–128 printable ASCII characters chosen by the client; the same key with
 *     the same content answers the first result, with other content {@code
 *     DUPLICATE_WITH_DIFFERENT_CONTENT}
 * @param organizationId the organization the transfers are recorded by (scopes reports)
 * @param channel the path it comes through, which decides what it may post (see {@link Channel})
 */
public record Posting(
        long clientId,
        String idempotencyKey,
        long organizationId,
        @Nullable Long actorUserId,
        List<TransferSpec> transfers,
        Channel channel) {

    /** The most transfers one request may carry. */
    public static final int MAX_TRANSFERS = 10_000;

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public Posting {
        transfers = List.copyOf(transfers);
        java.util.Objects.requireNonNull(channel, "channel");
    }

    /** A posting of the platform's own jobs and trusted in-process code ({@link Channel#SYSTEM}). */
    public Posting(
            long clientId,
            String idempotencyKey,
            long organizationId,
            @Nullable Long actorUserId,
            List<TransferSpec> transfers) {
        this(clientId, idempotencyKey, organizationId, actorUserId, transfers, Channel.SYSTEM);
    }

    /**
     * Checks a client's idempotency key: 1–128 printable ASCII characters (every feature that
     * stores a key checks it so).
     *
     * @throws InvalidInputException {@code INVALID_IDEMPOTENCY_KEY}
     */
    public static void checkKey(@Nullable String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidInputException(
                    LedgerErrors.INVALID_IDEMPOTENCY_KEY, "Idempotency-Key", "幂等键须为 1–128 个可见 ASCII 字符");
        }
    }

    void validate() {
        checkKey(idempotencyKey);
        if (transfers.isEmpty()) {
            throw new InvalidInputException(LedgerErrors.NO_TRANSFERS, "transfers", "至少需要一笔转账");
        }
        if (transfers.size() > MAX_TRANSFERS) {
            throw new InvalidInputException(
                    LedgerErrors.TOO_MANY_TRANSFERS, "transfers", "一次最多 " + MAX_TRANSFERS + " 笔转账");
        }
        for (int i = 0; i < transfers.size(); i++) {
            transfers.get(i).validate(i);
        }
    }
}
