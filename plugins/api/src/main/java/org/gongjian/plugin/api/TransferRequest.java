package org.gongjian.plugin.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Points to move between a member and one of the plugin's accounts.
 *
 * @param idempotencyKey 1–128 printable ASCII characters; the same key with the same content
 *     answers the first result, with other content {@link TransferResult.Outcome#DUPLICATE_WITH_DIFFERENT_CONTENT}.
 *     Keys are the plugin's own: the host prefixes them with the plugin id.
 * @param direction who pays: the member ({@link Direction#MEMBER_TO_PLUGIN}, a redemption) or the
 *     plugin's account ({@link Direction#PLUGIN_TO_MEMBER})
 * @param amount in the point kind's smallest unit (tenths of a point), more than zero
 * @param reasonCode why, as a stable code, e.g. {@code LEIFENG_REDEMPTION}: {@code [A-Z][A-Z0-9_]{0,47}}
 * @param category the reporting category, e.g. {@code MARKET}: {@code [A-Z][A-Z0-9_]{0,31}}
 * @param memo shown on the member's statement, at most 200 characters
 * @param sourceRef the plugin's reference, e.g. the redemption's id: {@code [A-Za-z0-9:._-]{1,64}}
 * @since 0.2
 */
public record TransferRequest(
        String idempotencyKey,
        long memberId,
        PluginAccount account,
        Direction direction,
        long amount,
        String reasonCode,
        String category,
        Optional<String> memo,
        Optional<String> sourceRef) {

    public TransferRequest {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(category, "category");
        memo = memo == null ? Optional.empty() : memo;
        sourceRef = sourceRef == null ? Optional.empty() : sourceRef;
    }

    /** Who pays. */
    public enum Direction {
        MEMBER_TO_PLUGIN,
        PLUGIN_TO_MEMBER
    }
}
