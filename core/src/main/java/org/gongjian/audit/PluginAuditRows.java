package org.gongjian.audit;

import java.util.Optional;

/**
 * How the audit rows plugins write read on the audit page: the action {@code PLUGIN_<ID>_<ACTION>},
 * and a detail whose first line is the plugin's summary (in people's words) and whose further lines
 * are the facts, {@code key=value}. Rows of the host about plugins (lifecycle steps) have their own
 * action names in the UI's bundle, which take precedence.
 */
public final class PluginAuditRows {

    /** The prefix of every action a plugin records. */
    public static final String ACTION_PREFIX = "PLUGIN_";

    private PluginAuditRows() {}

    /** The plugin's summary, for a row a plugin wrote. */
    public static Optional<String> summary(AuditEntry entry) {
        if (!entry.action().startsWith(ACTION_PREFIX)
                || entry.detail() == null
                || entry.detail().isBlank()) {
            return Optional.empty();
        }
        int end = entry.detail().indexOf('\n');
        return Optional.of(end < 0 ? entry.detail() : entry.detail().substring(0, end));
    }

    /** The facts after the summary, on one line. */
    public static String facts(AuditEntry entry) {
        String detail = entry.detail() == null ? "" : entry.detail();
        int end = detail.indexOf('\n');
        return end < 0 ? "" : detail.substring(end + 1).replace('\n', ' ');
    }
}
