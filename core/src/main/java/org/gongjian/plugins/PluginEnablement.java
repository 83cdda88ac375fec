package org.gongjian.plugins;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.sdk.PluginOrganizations;

/**
 * Where each installed plugin is on. The platform administrator sets a plugin's default (on
 * everywhere or nowhere; a plugin nobody set is on); an organization's administrator turns it on or
 * off for the organization's subtree, and the nearest setting up the tree wins: the organization's
 * own, else its parent's, and so on, else the default. Where a plugin is off, its endpoints answer
 * 404 and its pages, menu entries, dashboard numbers, member sections, self-service pages and rule
 * events are not offered. Every change is audited in its transaction; a setting that changes
 * nothing writes nothing.
 */
@Singleton
@AuditsDenials
public class PluginEnablement implements PluginOrganizations {

    /** Audit actions (target type {@value #AUDIT_TARGET}, target id: the organization, or none for a default). */
    public static final String ENABLED = "PLUGIN_ENABLED";

    public static final String DISABLED = "PLUGIN_DISABLED";
    public static final String CLEARED = "PLUGIN_ENABLEMENT_CLEARED";
    public static final String DEFAULT_CHANGED = "PLUGIN_DEFAULT_CHANGED";
    public static final String AUDIT_TARGET = "PLUGIN";

    /**
     * A plugin as it stands at one organization.
     *
     * @param enabled whether it is on there
     * @param own the organization's own setting, null when it follows its parents
     * @param definedBy the organization whose setting applies, null when the default does
     * @param defaultEnabled the platform administrator's default
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // own and definedBy are sent as null, not left out
    public record Status(
            String pluginId,
            String version,
            String state,
            @Nullable String description,
            boolean enabled,
            @Nullable Boolean own,
            @Nullable Long definedBy,
            @Nullable String definedByName,
            boolean defaultEnabled) {}

    /** A plugin's platform default. */
    @Serdeable
    public record Default(String pluginId, boolean enabled) {}

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    /** A provider: the host's services (through PluginAccess) depend on this bean. */
    private final Provider<PluginHost> host;

    private final AuditLog audit;
    private final Clock clock;

    PluginEnablement(
            TransactionOperations<Connection> transactions,
            Organizations organizations,
            Provider<PluginHost> host,
            AuditLog audit,
            Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.host = host;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public boolean enabledFor(String pluginId, long organizationId) {
        return organizations
                .find(organizationId)
                .map(org -> effective(pluginId, org).enabled())
                .orElse(false);
    }

    /**
     * Whether the plugin is on anywhere the caller works: at an organization the caller holds a role
     * on, or anywhere below one. A platform administrator: wherever it is on at all (the default is
     * on, or an organization turned it on). A caller for whom this is false does not see the plugin.
     */
    public boolean enabledWithin(String pluginId, Caller caller) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            List<Long> on = organizationsSetTo(c, pluginId, true);
            if (caller.isPlatformAdmin()) {
                return defaultOf(c, pluginId) || !on.isEmpty();
            }
            List<Grant> grants = caller.grants().stream()
                    .filter(g -> g.organizationId() != null && g.orgPath() != null)
                    .toList();
            Map<Long, Organization> turnedOn = organizations.find(on);
            for (Grant grant : grants) {
                if (turnedOn.values().stream().anyMatch(o -> o.path().startsWith(grant.orgPath()))) {
                    return true;
                }
                if (effective(c, pluginId, grant.orgPath()).enabled()) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Every installed plugin as it stands at an organization the caller reads. */
    public List<Status> at(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        List<Status> result = new ArrayList<>();
        for (PluginInfo plugin : host.get().list()) {
            result.add(status(plugin, org));
        }
        return result;
    }

    /** One installed plugin at an organization the caller reads. */
    public Status at(Caller caller, long organizationId, String pluginId) {
        Organization org = organizations.get(caller, organizationId);
        return status(installed(pluginId), org);
    }

    /**
     * Turns the plugin on or off for the organization's subtree (administrators of the organization).
     *
     * @throws NotFoundException an organization outside the caller's subtrees, or no such plugin
     * @throws ForbiddenException the caller does not manage the organization
     */
    public Status set(Caller caller, long organizationId, String pluginId, boolean enabled) {
        Organization org = managed(caller, organizationId);
        PluginInfo plugin = installed(pluginId);
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            Boolean before = own(c, pluginId, org.id());
            if (before != null && before == enabled) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO plugin_enablement (plugin_id, organization_id, enabled, changed_at, changed_by)"
                            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled),"
                            + " changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)")) {
                s.setString(1, pluginId);
                s.setLong(2, org.id());
                s.setBoolean(3, enabled);
                s.setTimestamp(4, now());
                s.setLong(5, caller.userId());
                s.executeUpdate();
            }
            audit.append(
                    caller,
                    enabled ? ENABLED : DISABLED,
                    AUDIT_TARGET,
                    org.id(),
                    org.id(),
                    org.path(),
                    "plugin=" + pluginId + " enabled=" + enabled + " (for the subtree)");
            return null;
        });
        return status(plugin, org);
    }

    /** Drops the organization's own setting: it follows its parents (or the default) again. */
    public Status clear(Caller caller, long organizationId, String pluginId) {
        Organization org = managed(caller, organizationId);
        PluginInfo plugin = installed(pluginId);
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("DELETE FROM plugin_enablement WHERE plugin_id = ? AND organization_id = ?")) {
                s.setString(1, pluginId);
                s.setLong(2, org.id());
                if (s.executeUpdate() > 0) {
                    audit.append(
                            caller,
                            CLEARED,
                            AUDIT_TARGET,
                            org.id(),
                            org.id(),
                            org.path(),
                            "plugin=" + pluginId + ": the organization follows its parents again");
                }
            }
            return null;
        });
        return status(plugin, org);
    }

    /** The platform default of an installed plugin (platform administrators). */
    public Default defaultOf(Caller caller, String pluginId) {
        requirePlatformAdmin(caller);
        installed(pluginId);
        return new Default(pluginId, transactions.executeRead(s -> defaultOf(s.getConnection(), pluginId)));
    }

    /** Sets the platform default of an installed plugin: on everywhere or nowhere, unless set below. */
    public Default setDefault(Caller caller, String pluginId, boolean enabled) {
        requirePlatformAdmin(caller);
        installed(pluginId);
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (defaultOf(c, pluginId) == enabled && hasDefaultRow(c, pluginId)) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO plugin_enablement_default (plugin_id, enabled, changed_at, changed_by)"
                            + " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled),"
                            + " changed_at = VALUES(changed_at), changed_by = VALUES(changed_by)")) {
                s.setString(1, pluginId);
                s.setBoolean(2, enabled);
                s.setTimestamp(3, now());
                s.setLong(4, caller.userId());
                s.executeUpdate();
            }
            audit.append(
                    caller,
                    DEFAULT_CHANGED,
                    AUDIT_TARGET,
                    null,
                    null,
                    null,
                    "plugin=" + pluginId + " default=" + enabled);
            return null;
        });
        return new Default(pluginId, enabled);
    }

    private Organization managed(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization turn plugins on or off for it");
        }
        return org;
    }

    private static void requirePlatformAdmin(Caller caller) {
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("Only platform administrators set a plugin's default");
        }
    }

    private PluginInfo installed(String pluginId) {
        return host.get().find(pluginId).orElseThrow(() -> new NotFoundException("Plugin", 0));
    }

    private Status status(PluginInfo plugin, Organization org) {
        return transactions.executeRead(s -> {
            Connection c = s.getConnection();
            Effective effective = effective(c, plugin.id(), org.path());
            String definedByName = effective.definedBy() == null
                    ? null
                    : organizations
                            .find(effective.definedBy())
                            .map(Organization::name)
                            .orElse(null);
            return new Status(
                    plugin.id(),
                    plugin.version(),
                    plugin.state(),
                    plugin.description(),
                    effective.enabled(),
                    own(c, plugin.id(), org.id()),
                    effective.definedBy(),
                    definedByName,
                    defaultOf(c, plugin.id()));
        });
    }

    /** The setting in force at an organization, and where it comes from (null: the default). */
    private record Effective(boolean enabled, @Nullable Long definedBy) {}

    private Effective effective(String pluginId, Organization org) {
        return transactions.executeRead(s -> effective(s.getConnection(), pluginId, org.path()));
    }

    /** The nearest own setting up the path {@code /1/7/42/} (42, then 7, then 1), else the default. */
    private static Effective effective(Connection c, String pluginId, String orgPath) throws SQLException {
        List<Long> ancestors = ancestors(orgPath);
        if (!ancestors.isEmpty()) {
            Map<Long, Boolean> settings = new HashMap<>();
            String marks = String.join(",", ancestors.stream().map(id -> "?").toList());
            try (PreparedStatement s = c.prepareStatement("SELECT organization_id, enabled FROM plugin_enablement"
                    + " WHERE plugin_id = ? AND organization_id IN (" + marks + ")")) {
                s.setString(1, pluginId);
                for (int i = 0; i < ancestors.size(); i++) {
                    s.setLong(i + 2, ancestors.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        settings.put(rs.getLong(1), rs.getBoolean(2));
                    }
                }
            }
            for (int i = ancestors.size() - 1; i >= 0; i--) {
                Boolean setting = settings.get(ancestors.get(i));
                if (setting != null) {
                    return new Effective(setting, ancestors.get(i));
                }
            }
        }
        return new Effective(defaultOf(c, pluginId), null);
    }

    /** The ids of a path, root first: {@code /1/7/42/} → 1, 7, 42. */
    static List<Long> ancestors(String orgPath) {
        List<Long> ids = new ArrayList<>();
        for (String part : orgPath.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }

    private static @Nullable Boolean own(Connection c, String pluginId, long organizationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT enabled FROM plugin_enablement WHERE plugin_id = ? AND organization_id = ?")) {
            s.setString(1, pluginId);
            s.setLong(2, organizationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private static List<Long> organizationsSetTo(Connection c, String pluginId, boolean enabled) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT organization_id FROM plugin_enablement WHERE plugin_id = ? AND enabled = ?")) {
            s.setString(1, pluginId);
            s.setBoolean(2, enabled);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** The platform default: on unless the platform administrator turned it off. */
    private static boolean defaultOf(Connection c, String pluginId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT enabled FROM plugin_enablement_default WHERE plugin_id = ?")) {
            s.setString(1, pluginId);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    private static boolean hasDefaultRow(Connection c, String pluginId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM plugin_enablement_default WHERE plugin_id = ?")) {
            s.setString(1, pluginId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }
}
