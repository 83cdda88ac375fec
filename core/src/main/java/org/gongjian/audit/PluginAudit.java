package org.gongjian.audit;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.PluginTransaction;
import org.gongjian.sdk.HostTransaction;
import org.gongjian.sdk.SdkService;
import org.gongjian.sdk.UnitParticipant;

/**
 * The SDK's {@link AuditTrail}: a plugin's audit row is appended in its unit's host transaction,
 * naming the unit's actor, with the action {@code PLUGIN_<ID>_<ACTION>} (the id in capitals, dashes
 * as underscores) and the detail {@link #detail} writes: the plugin's summary on the first line
 * (the audit page shows it as the action), then the details as {@code key=value} lines. An undone
 * unit leaves a row {@value #UNIT_UNDONE} next to the rows it wrote (the log is append-only).
 */
@Singleton
final class PluginAudit implements SdkService<AuditTrail>, UnitParticipant {

    /** The prefix of the actions plugins record. */
    static final String PREFIX = PluginAuditRows.ACTION_PREFIX;

    static final String UNIT_UNDONE = "PLUGIN_UNIT_UNDONE";

    static final int MAX_ACTION = 48;
    static final int MAX_SUMMARY = 200;
    static final int MAX_DETAILS = 20;

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern TARGET_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,47}");
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,17}");

    private final AuditLog audit;
    private final OrganizationPaths paths;

    PluginAudit(AuditLog audit, OrganizationPaths paths) {
        this.audit = audit;
        this.paths = paths;
    }

    @Override
    public Class<AuditTrail> type() {
        return AuditTrail.class;
    }

    @Override
    public AuditTrail forPlugin(String pluginId) {
        String prefix = PREFIX + pluginId.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_";
        return (tx, action, targetType, targetId, organizationId, summary, details) ->
                record(pluginId, prefix, tx, action, targetType, targetId, organizationId, summary, details);
    }

    private void record(
            String pluginId,
            String prefix,
            PluginTransaction tx,
            String action,
            String targetType,
            String targetId,
            Optional<Long> organizationId,
            String summary,
            Map<String, String> details) {
        HostTransaction unit = HostTransaction.of(tx, pluginId);
        if (action == null || !CODE.matcher(action).matches() || prefix.length() + action.length() > MAX_ACTION) {
            throw new IllegalArgumentException("An audit action is upper-case letters, digits and _, at most "
                    + (MAX_ACTION - prefix.length()) + " characters for this plugin: " + action);
        }
        if (targetType != null && !TARGET_TYPE.matcher(targetType).matches()) {
            throw new IllegalArgumentException(
                    "An audit target type is upper-case letters, digits and _, at most 32 characters: " + targetType);
        }
        String path = null;
        if (organizationId != null && organizationId.isPresent()) {
            path = paths.pathOf(organizationId.get())
                    .orElseThrow(() -> new IllegalArgumentException("No organization " + organizationId.get()));
        }
        Caller actor = unit.hostActor().caller();
        boolean numeric = targetId != null && NUMBER.matcher(targetId).matches();
        audit.append(
                actor,
                prefix + action,
                targetType,
                numeric ? Long.valueOf(targetId) : null,
                organizationId == null ? null : organizationId.orElse(null),
                path,
                detail(summary, numeric ? null : targetId, details));
    }

    /** The summary line, the target when it is not a number, then the details in key order. */
    static String detail(String summary, String target, Map<String, String> details) {
        if (summary == null || summary.isBlank() || oneLine(summary).length() > MAX_SUMMARY) {
            throw new IllegalArgumentException("An audit summary is one line of 1-" + MAX_SUMMARY + " characters");
        }
        Map<String, String> facts = details == null ? Map.of() : details;
        if (facts.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("An audit row has at most " + MAX_DETAILS + " details");
        }
        StringBuilder detail = new StringBuilder(oneLine(summary).strip());
        if (target != null && !target.isBlank()) {
            detail.append("\ntarget=").append(oneLine(target));
        }
        for (Map.Entry<String, String> fact : new TreeMap<>(facts).entrySet()) {
            if (!KEY.matcher(fact.getKey()).matches()
                    || fact.getValue() == null
                    || fact.getValue().length() > 200) {
                throw new IllegalArgumentException("Bad audit detail " + fact.getKey()
                        + ": a name of letters, digits, _ . - and a value of at most 200 characters");
            }
            detail.append('\n').append(fact.getKey()).append('=').append(oneLine(fact.getValue()));
        }
        return detail.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }

    @Override
    public void confirmed(String pluginId, long unitId) {}

    @Override
    public void undo(String pluginId, long unitId) {
        audit.append(Caller.system(), UNIT_UNDONE, "PLUGIN_UNIT", unitId, null, null, "plugin=" + pluginId);
    }
}
