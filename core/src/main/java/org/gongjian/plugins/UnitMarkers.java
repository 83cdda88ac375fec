package org.gongjian.plugins;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The marker rows of units of work in a plugin's own database ({@value #TABLE}): written on the
 * plugin's connection in the unit, so that a unit's marker exists exactly when the plugin's part
 * committed. The recovery job reads them to settle units whose plugin commit is unknown.
 */
public final class UnitMarkers {

    static final String TABLE = "gongjian_unit";

    private UnitMarkers() {}

    /**
     * Creates the marker table in the plugin's database if it is missing. The host calls it before a
     * plugin's first unit; a host that creates the plugin's schema calls it right after (as the
     * plugin's database user, or as one that may create tables there).
     */
    public static void createTable(DataSource pluginDataSource) throws SQLException {
        try (Connection c = pluginDataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT NOT NULL, PRIMARY KEY (id))"
                    + " ENGINE = InnoDB");
        }
    }

    static void mark(Connection pluginConnection, long unitId) throws SQLException {
        try (PreparedStatement s = pluginConnection.prepareStatement("INSERT INTO " + TABLE + " (id) VALUES (?)")) {
            s.setLong(1, unitId);
            s.executeUpdate();
        }
    }

    static boolean marked(DataSource pluginDataSource, long unitId) throws SQLException {
        try (Connection c = pluginDataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE id = ?")) {
            s.setLong(1, unitId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
