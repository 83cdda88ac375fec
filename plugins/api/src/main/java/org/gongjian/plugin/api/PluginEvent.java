package org.gongjian.plugin.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened, published through the host's outbox: a core event ({@link CoreEvents})
 * or one of a plugin's declared {@link EventType}s. Points rules turn events into awards.
 *
 * @param id the event's id (0 until published)
 * @param type e.g. {@code HOURS_APPROVED} or {@code LEIFENG_MARKET_REDEEMED}
 * @param quantity how much: minutes of service, points redeemed, 1 for a one-off
 * @param attributes what rules may test, e.g. {@code category=OIL}; at most 20 short entries
 * @since 0.2
 */
public record PluginEvent(
        long id,
        String type,
        Optional<Long> memberId,
        Optional<Long> organizationId,
        long quantity,
        Map<String, String> attributes,
        Instant occurredAt) {

    public PluginEvent {
        Objects.requireNonNull(type, "type");
        memberId = memberId == null ? Optional.empty() : memberId;
        organizationId = organizationId == null ? Optional.empty() : organizationId;
        attributes = Map.copyOf(attributes);
    }

    /** A new event to publish (id and time are the host's). */
    public static PluginEvent of(
            String type, long memberId, long organizationId, long quantity, Map<String, String> attributes) {
        return new PluginEvent(
                0, type, Optional.of(memberId), Optional.of(organizationId), quantity, attributes, Instant.EPOCH);
    }
}
