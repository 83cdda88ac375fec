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
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Bad event type " + type);
        }
        DomainEvent event = new DomainEvent(
                ids.next(),
                type,
                memberId,
                organizationId,
                quantity,
                attributes,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        transactions.executeWrite(status -> {
            insert(status.getConnection(), event);
            afterCommit(status, event);
            return null;
        });
        return event;
    }

    private void afterCommit(TransactionStatus<Connection> status, DomainEvent event) {
        status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Thread.ofVirtual().start(() -> deliver(event));
            }
        });
    }

    /** Hands unhandled events over again (every 30 s; also callable from tests and commands). */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    public int sweep() {
        Instant before = clock.instant().minus(SWEEP_AFTER);
        List<DomainEvent> pending = transactions.executeRead(status -> {
            List<DomainEvent> events = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT id, type, member_id, organization_id, quantity, attributes, occurred_at"
                            + " FROM domain_event WHERE handled_at IS NULL AND occurred_at < ? AND attempts < ?"
                            + " ORDER BY occurred_at LIMIT 500")) {
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

    private void insert(Connection c, DomainEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO domain_event (id, type, member_id, organization_id,"
                + " quantity, attributes, occurred_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
            s.setLong(1, event.id());
            s.setString(2, event.type());
            setLong(s, 3, event.memberId());
            setLong(s, 4, event.organizationId());
            s.setLong(5, event.quantity());
            s.setString(6, event.attributes().isEmpty() ? null : write(event.attributes()));
            s.setTimestamp(7, Timestamp.from(event.occurredAt()));
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
