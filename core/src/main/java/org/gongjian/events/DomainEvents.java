package org.gongjian.events;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.ids.IdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes domain events through the outbox and hands them to the handlers. */
@Singleton
public class DomainEvents {

    /** Events still unhandled this long after they happened are picked up by the sweeper. */
    static final Duration SWEEP_AFTER = Duration.ofMinutes(1);

    static final int MAX_ATTEMPTS = 20;

    private static final Logger LOG = LoggerFactory.getLogger(DomainEvents.class);
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final String COLUMNS = "id, type, member_id, organization_id, quantity, attributes, occurred_at";

    private final TransactionOperations<Connection> transactions;
    private final BeanProvider<DomainEventHandler> handlers;
    private final JsonMapper json;
    private final IdGenerator ids;
    private final Clock clock;

    DomainEvents(
            TransactionOperations<Connection> transactions,
            BeanProvider<DomainEventHandler> handlers,
            JsonMapper json,
            IdGenerator ids,
            Clock clock) {
        this.transactions = transactions;
        this.handlers = handlers;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Stores an event in the current transaction (or its own) and hands it to the handlers once that
     * transaction has committed. A rolled-back transaction publishes nothing.
     */
    public DomainEvent publish(
            String type,
            @Nullable Long memberId,
            @Nullable Long organizationId,
            long quantity,
            Map<String, String> attributes) {
        return store(null, event(type, memberId, organizationId, quantity, attributes));
    }

    /**
     * Stores an event of a plugin's unit of work in the unit's host transaction, held: it reaches no
     * handler (and no sweep) until the unit is confirmed ({@link #release}), and none if the unit is
     * undone ({@link #cancel}).
     */
    DomainEvent publishHeld(
            long unitId,
            String type,
            @Nullable Long memberId,
            @Nullable Long organizationId,
            long quantity,
            Map<String, String> attributes) {
        return store(unitId, event(type, memberId, organizationId, quantity, attributes));
    }

    /** Stores the event; one of no unit is handed over after the commit, one of a unit is held. */
    private DomainEvent store(@Nullable Long unitId, DomainEvent event) {
        transactions.executeWrite(status -> {
            insert(status.getConnection(), event, unitId);
            if (unitId == null) {
                afterCommit(status, List.of(event));
            }
            return null;
        });
        return event;
    }

    /** Releases the held events of a confirmed unit, in the current transaction; handed over after it commits. */
    void release(long unitId) {
        transactions.executeWrite(status -> {
            List<DomainEvent> released = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT " + COLUMNS + " FROM domain_event"
                            + " WHERE unit_id = ? AND held = TRUE AND cancelled_at IS NULL ORDER BY id FOR UPDATE")) {
                s.setLong(1, unitId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        released.add(read(rs));
                    }
                }
            }
            if (released.isEmpty()) {
                return null;
            }
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("UPDATE domain_event SET held = FALSE WHERE unit_id = ? AND held = TRUE"
                            + " AND cancelled_at IS NULL")) {
                s.setLong(1, unitId);
                s.executeUpdate();
            }
            afterCommit(status, released);
            return null;
        });
    }

    /** Cancels the held events of an undone unit, in the current transaction: they are never handed over. */
    void cancel(long unitId) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("UPDATE domain_event SET cancelled_at = ? WHERE unit_id = ? AND held = TRUE"
                            + " AND cancelled_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, unitId);
                s.executeUpdate();
            }
            return null;
        });
    }

    private DomainEvent event(
            String type,
            @Nullable Long memberId,
            @Nullable Long organizationId,
            long quantity,
            Map<String, String> attributes) {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Bad event type " + type);
        }
        return new DomainEvent(
                ids.next(),
                type,
                memberId,
                organizationId,
                quantity,
                attributes,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private void afterCommit(TransactionStatus<Connection> status, List<DomainEvent> events) {
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Thread.ofVirtual().start(() -> events.forEach(DomainEvents.this::deliver));
            }
        });
    }

    /** Hands unhandled events over again (every 30 s; also callable from tests and commands). */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    public int sweep() {
        return sweepAfter(SWEEP_AFTER);
    }

    /**
     * Hands over again the unhandled events older than {@code age} (for tests and support); held
     * and cancelled events of plugins' units are left alone.
     */
    public int sweepAfter(Duration age) {
        Instant before = clock.instant().minus(age);
        List<DomainEvent> pending = transactions.executeRead(status -> {
            List<DomainEvent> events = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement(
                            "SELECT " + COLUMNS + " FROM domain_event WHERE handled_at IS NULL"
                                    + " AND held = FALSE AND occurred_at < ? AND attempts < ? ORDER BY occurred_at LIMIT 500")) {
                s.setTimestamp(1, Timestamp.from(before));
                s.setInt(2, MAX_ATTEMPTS);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(read(rs));
                    }
                }
            }
            return events;
        });
        int delivered = 0;
        for (DomainEvent event : pending) {
            if (deliver(event)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Hands one event to every handler; marks it handled when all succeeded. */
    boolean deliver(DomainEvent event) {
        try {
            for (DomainEventHandler handler : handlers.stream().toList()) {
                handler.handle(event);
            }
            mark(event.id(), null);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Handling domain event {} ({}) failed; the sweeper will retry it", event.id(), event.type(), e);
            mark(event.id(), e.toString());
            return false;
        }
    }

    /** Whether the event was handled (for tests and support). */
    public Optional<Instant> handledAt(long eventId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT handled_at FROM domain_event WHERE id = ?")) {
                s.setLong(1, eventId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getTimestamp(1) != null
                            ? Optional.of(rs.getTimestamp(1).toInstant())
                            : Optional.empty();
                }
            }
        });
    }

    private void mark(long eventId, @Nullable String error) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement(
                            error == null
                                    ? "UPDATE domain_event SET handled_at = ?, attempts = attempts + 1, last_error = NULL"
                                            + " WHERE id = ? AND handled_at IS NULL"
                                    : "UPDATE domain_event SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
                if (error == null) {
                    s.setTimestamp(1, Timestamp.from(clock.instant()));
                } else {
                    s.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
                }
                s.setLong(2, eventId);
                s.executeUpdate();
            }
            return null;
        });
    }

    private void insert(Connection c, DomainEvent event, @Nullable Long unitId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO domain_event (id, type, member_id, organization_id,"
                        + " quantity, attributes, occurred_at, attempts, unit_id, held) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            s.setLong(1, event.id());
            s.setString(2, event.type());
            setLong(s, 3, event.memberId());
            setLong(s, 4, event.organizationId());
            s.setLong(5, event.quantity());
            s.setString(6, event.attributes().isEmpty() ? null : write(event.attributes()));
            s.setTimestamp(7, Timestamp.from(event.occurredAt()));
            setLong(s, 8, unitId);
            s.setBoolean(9, unitId != null);
            s.executeUpdate();
        }
    }

    private DomainEvent read(ResultSet rs) throws SQLException {
        long member = rs.getLong(3);
        Long memberId = rs.wasNull() ? null : member;
        long org = rs.getLong(4);
        Long orgId = rs.wasNull() ? null : org;
        String attributes = rs.getString(6);
        return new DomainEvent(
                rs.getLong(1),
                rs.getString(2),
                memberId,
                orgId,
                rs.getLong(5),
                attributes == null ? Map.of() : readAttributes(attributes),
                rs.getTimestamp(7).toInstant());
    }

    private String write(Map<String, String> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> readAttributes(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
