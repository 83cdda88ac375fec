package org.gongjian.plugins.hello;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.OrganizationGrant;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.plugin.api.PluginTransactions;

/**
 * The plugin's table {@code hello_greeting}, and its one rule: a greeting has 1 to {@value
 * #MAX_LENGTH} characters; one left by a volunteer is published as {@link HelloGreetingLeft#TYPE}
 * (for points rules) and audited, in the same unit as the row.
 */
final class Greetings {

    static final int MAX_LENGTH = 200;

    private final PluginContext context;

    Greetings(PluginContext context) {
        this.context = context;
    }

    /** The text of a greeting, trimmed, or empty when it is blank or longer than {@value #MAX_LENGTH}. */
    static Optional<String> validText(String message) {
        String text = message == null ? "" : message.strip();
        return text.isEmpty() || text.codePointCount(0, text.length()) > MAX_LENGTH
                ? Optional.empty()
                : Optional.of(text);
    }

    long count() {
        return single("SELECT COUNT(*) FROM hello_greeting");
    }

    /**
     * Leaves a greeting as {@code caller}: for a volunteer (a caller with a member) the event {@link
     * HelloGreetingLeft#TYPE} at the volunteer's organization; always an audit row.
     */
    Greeting leave(PluginCaller caller, String message) {
        String text = validText(message)
                .orElseThrow(() -> new IllegalArgumentException("A greeting has 1 to " + MAX_LENGTH + " characters"));
        Optional<Long> organization =
                caller.grants().stream().map(OrganizationGrant::organizationId).findFirst();
        Greeting greeting = new Greeting(context.newId(), text, context.clock().instant());
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            insert(tx.connection(), greeting, caller.memberId(), Optional.empty(), false);
            if (caller.memberId().isPresent() && organization.isPresent()) {
                context.require(Events.class)
                        .publish(
                                tx,
                                PluginEvent.of(
                                        HelloGreetingLeft.TYPE,
                                        caller.memberId().get(),
                                        organization.get(),
                                        1,
                                        Map.of()));
            }
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "GREETING_LEFT",
                            "GREETING",
                            Long.toString(greeting.id()),
                            organization,
                            "留下问候：" + text,
                            Map.of());
            return greeting;
        });
    }

    /** The welcome for a member who moved here: once per event, however often it is delivered. */
    void welcome(long eventId, Optional<Long> memberId, String text) {
        try (Connection c = context.dataSource().getConnection()) {
            insert(
                    c,
                    new Greeting(context.newId(), text, context.clock().instant()),
                    memberId,
                    Optional.of(eventId),
                    true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the welcome", e);
        }
    }

    /** Stores how many greetings were left from {@code from} to {@code to} as the count of {@code from}'s day. */
    void countDay(Instant from, Instant to) {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO hello_daily (day, greetings)"
                        + " SELECT ?, COUNT(*) FROM hello_greeting WHERE created_at >= ? AND created_at < ?"
                        + " ON DUPLICATE KEY UPDATE greetings = VALUES(greetings)")) {
            s.setObject(1, from.atZone(context.clock().getZone()).toLocalDate());
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count the day's greetings", e);
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

    private static void insert(
            Connection c, Greeting greeting, Optional<Long> memberId, Optional<Long> eventId, boolean ignoreRepeat)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement((ignoreRepeat ? "INSERT IGNORE" : "INSERT")
                + " INTO hello_greeting (id, message, created_at, member_id, event_id) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, greeting.id());
            s.setString(2, greeting.message());
            s.setTimestamp(3, Timestamp.from(greeting.createdAt()));
            s.setObject(4, memberId.orElse(null));
            s.setObject(5, eventId.orElse(null));
            s.executeUpdate();
        }
    }

    private long single(String sql) {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the greetings", e);
        }
    }

    record Greeting(long id, String message, Instant createdAt) {}
}
