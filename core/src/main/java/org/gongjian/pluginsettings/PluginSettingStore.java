package org.gongjian.pluginsettings;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** SQL of {@code plugin_setting}: the rows of some organizations, and setting or dropping one. */
@Singleton
class PluginSettingStore {

    private final TransactionOperations<Connection> transactions;

    PluginSettingStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** organization id → key → stored value, for the plugin and these organizations. */
    Map<Long, Map<String, String>> values(String pluginId, Collection<Long> organizationIds) {
        Map<Long, Map<String, String>> values = new HashMap<>();
        if (organizationIds.isEmpty()) {
            return values;
        }
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT organization_id, setting_key, setting_value FROM plugin_setting"
                            + " WHERE plugin_id = ? AND organization_id IN ("
                            + String.join(", ", Collections.nCopies(organizationIds.size(), "?")) + ")")) {
                s.setString(1, pluginId);
                int i = 2;
                for (long id : organizationIds) {
                    s.setLong(i++, id);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getLong(1), id -> new HashMap<>())
                                .put(rs.getString(2), rs.getString(3));
                    }
                }
            }
            return values;
        });
    }

    void set(String pluginId, long organizationId, String key, String value, Instant at, @Nullable Long by) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO plugin_setting (plugin_id, organization_id, setting_key,"
                            + " setting_value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value),"
                            + " updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)")) {
                s.setString(1, pluginId);
                s.setLong(2, organizationId);
                s.setString(3, key);
                s.setString(4, value);
                s.setTimestamp(5, Timestamp.from(at));
                setLong(s, 6, by);
                s.executeUpdate();
            }
            return null;
        });
    }

    void drop(String pluginId, long organizationId, String key) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("DELETE FROM plugin_setting WHERE plugin_id = ? AND organization_id = ?"
                            + " AND setting_key = ?")) {
                s.setString(1, pluginId);
                s.setLong(2, organizationId);
                s.setString(3, key);
                s.executeUpdate();
            }
            return null;
        });
    }
}
