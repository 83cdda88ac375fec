package org.gongjian.plugin.api;

import java.util.Map;
import java.util.Optional;

/**
 * Appends to the host's hash-chained audit log in the unit of work, naming the unit's actor. The
 * audit page shows {@code summary} to people: write it in the actor's language, in words a
 * secretary uses.
 *
 * @since 0.2
 */
public interface AuditTrail {

    /**
     * Records one change.
     *
     * @param action the plugin's stable code for it, e.g. {@code STOCK_COUNTED}; stored with the
     *     plugin id as prefix
     * @param targetType what changed, e.g. {@code ITEM}
     * @param organizationId the organization it belongs to, for scoping the audit page
     * @param details small key/value facts (no personal data), at most 20 entries
     */
    void record(
            PluginTransaction tx,
            String action,
            String targetType,
            String targetId,
            Optional<Long> organizationId,
            String summary,
            Map<String, String> details);
}
