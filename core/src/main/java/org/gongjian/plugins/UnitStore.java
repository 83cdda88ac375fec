package org.gongjian.plugins;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rows of plugin_unit: one per unit whose host part committed, until and after it is settled. */
final class UnitStore {

    /** How a unit ended. */
    enum Outcome {
        /** Both sides committed, as the unit itself saw. */
        CONFIRMED,
        /** The recovery job found the plugin's marker: both sides committed. */
        RECOVERED,
        /** The plugin's side was lost: the host's side was undone. */
        UNDONE
    }

    record Pending(long unitId, String pluginId) {}

    private UnitStore() {}

    static void insert(Connection c, long unitId, String pluginId, @Nullable Long actorUserId, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO plugin_unit (id, plugin_id, actor_user_id, created_at) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, unitId);
            s.setString(2, pluginId);
            setLong(s, 3, actorUserId);
            s.setTimestamp(4, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** Settles an unsettled unit; false when it was settled already (by another node or the unit). */
    static boolean settle(Connection c, long unitId, Outcome outcome, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE plugin_unit SET outcome = ?, settled_at = ?" + " WHERE id = ? AND outcome IS NULL")) {
            s.setString(1, outcome.name());
            s.setTimestamp(2, Timestamp.from(at));
            s.setLong(3, unitId);
            return s.executeUpdate() == 1;
        }
    }

    /** Unsettled units that committed before {@code before}, oldest first. */
    static List<Pending> pending(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, plugin_id FROM plugin_unit"
                + " WHERE outcome IS NULL AND created_at < ? ORDER BY created_at LIMIT " + limit)) {
            s.setTimestamp(1, Timestamp.from(before));
            List<Pending> pending = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    pending.add(new Pending(rs.getLong(1), rs.getString(2)));
                }
            }
            return pending;
        }
    }

    /** Claims an unsettled unit for one node until {@code until}; false when another node holds it. */
    static boolean claim(Connection c, long unitId, Instant now, Instant until) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE plugin_unit SET claimed_until = ?"
                + " WHERE id = ? AND outcome IS NULL AND (claimed_until IS NULL OR claimed_until < ?)")) {
            s.setTimestamp(1, Timestamp.from(until));
            s.setLong(2, unitId);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** The unit's outcome: empty while unsettled or when no such unit committed. */
    static boolean exists(Connection c, long unitId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM plugin_unit WHERE id = ?")) {
            s.setLong(1, unitId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    static Optional<Outcome> outcome(Connection c, long unitId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM plugin_unit WHERE id = ?")) {
            s.setLong(1, unitId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        ? Optional.of(Outcome.valueOf(rs.getString(1)))
                        : Optional.empty();
            }
        }
    }
}
