package org.gongjian.plugins.hello;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.plugin.api.PluginContext;

/** The plugin's table, {@code hello_greeting}, through plain JDBC. */
final class Greetings {

    static final int MAX_LENGTH = 200;

    private final PluginContext context;

    Greetings(PluginContext context) {
        this.context = context;
    }

    long count() {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM hello_greeting");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count greetings", e);
        }
    }

    Greeting add(String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A greeting has 1 to " + MAX_LENGTH + " characters");
        }
        Greeting greeting = new Greeting(context.newId(), text, context.clock().instant());
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO hello_greeting (id, message, created_at) VALUES (?, ?, ?)")) {
            s.setLong(1, greeting.id());
            s.setString(2, greeting.message());
            s.setTimestamp(3, Timestamp.from(greeting.createdAt()));
            s.executeUpdate();
            return greeting;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the greeting", e);
        }
    }

    List<Greeting> latest(int limit) {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, message, created_at FROM hello_greeting ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            List<Greeting> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Greeting(
                            rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read greetings", e);
        }
    }

    record Greeting(long id, String message, Instant createdAt) {}
}
