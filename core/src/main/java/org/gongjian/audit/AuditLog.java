package org.gongjian.audit;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.ids.IdGenerator;
import org.gongjian.personaldata.SecretKeys;

/**
 * Appends to and verifies the hash-chained audit log. {@link #append} joins the caller's
 * transaction, so a change and its audit row commit or roll back together.
 */
@Singleton
public class AuditLog {

    private static final int PAGE_LIMIT = 500;

    private final DataSource dataSource;
    private final SecretKeys keys;
    private final IdGenerator ids;
    private final Clock clock;

    AuditLog(DataSource dataSource, SecretKeys keys, IdGenerator ids, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.ids = ids;
        this.clock = clock;
    }

    /** Appends one event after the current tip of the chain; returns its sequence number. */
    @Transactional
    public long append(AuditEvent event) {
        try {
            Connection c = dataSource.getConnection();
            long seq;
            byte[] previous;
            try (PreparedStatement head =
                            c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                    ResultSet rs = head.executeQuery()) {
                rs.next();
                seq = rs.getLong(1) + 1;
                previous = rs.getBytes(2);
            }
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            long id = ids.next();
            AuditEntry entry = new AuditEntry(
                    seq,
                    at,
                    event.actorUserId(),
                    truncate(event.actorName(), 64),
                    event.action(),
                    event.targetType(),
                    event.targetId(),
                    event.organizationId(),
                    event.detail(),
                    event.clientIp());
            byte[] hash = hash(entry, id, event.orgPath(), previous);
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audit_log (seq, id, at, actor_user_id, actor_name, action, target_type, target_id,"
                            + " organization_id, org_path, detail, client_ip, prev_hash, hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, seq);
                insert.setLong(2, id);
                insert.setTimestamp(3, Timestamp.from(at));
                setLong(insert, 4, entry.actorUserId());
                insert.setString(5, entry.actorName());
                insert.setString(6, entry.action());
                insert.setString(7, entry.targetType());
                setLong(insert, 8, entry.targetId());
                setLong(insert, 9, entry.organizationId());
                insert.setString(10, event.orgPath());
                insert.setString(11, entry.detail());
                insert.setString(12, entry.clientIp());
                insert.setBytes(13, previous);
                insert.setBytes(14, hash);
                insert.executeUpdate();
            }
            try (PreparedStatement tip = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                tip.setLong(1, seq);
                tip.setBytes(2, hash);
                tip.executeUpdate();
            }
            return seq;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the audit log", e);
        }
    }

    /** Appends an event done by {@code caller}. */
    public long append(
            Caller caller,
            String action,
            String targetType,
            Long targetId,
            Long organizationId,
            String orgPath,
            String detail) {
        return append(new AuditEvent(
                caller.userId() == 0 ? null : caller.userId(),
                caller.username(),
                action,
                targetType,
                targetId,
                organizationId,
                orgPath,
                detail,
                null));
    }

    /**
     * Recomputes the chain from the first row: every row's HMAC must match its content and the
     * previous row's HMAC, sequence numbers must have no gap, and the last row must be the tip.
     */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        try {
            Connection c = dataSource.getConnection();
            byte[] previous = new byte[32];
            long expectedSeq = 1;
            long rows = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT seq, id, at, actor_user_id, actor_name, action, target_type, target_id, organization_id,"
                            + " org_path, detail, client_ip, prev_hash, hash FROM audit_log ORDER BY seq")) {
                s.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        AuditEntry entry = read(rs);
                        if (entry.seq() != expectedSeq) {
                            return new ChainCheck(
                                    false, rows, entry.seq(), "rows before " + entry.seq() + " are missing");
                        }
                        byte[] stored = rs.getBytes("hash");
                        if (!MessageDigest.isEqual(previous, rs.getBytes("prev_hash"))
                                || !MessageDigest.isEqual(
                                        stored, hash(entry, rs.getLong("id"), rs.getString("org_path"), previous))) {
                            return new ChainCheck(false, rows, entry.seq(), "row " + entry.seq() + " was changed");
                        }
                        previous = stored;
                        expectedSeq++;
                        rows++;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != rows || !MessageDigest.isEqual(rs.getBytes(2), previous)) {
                    return new ChainCheck(false, rows, rows + 1, "the last rows were removed");
                }
            }
            return new ChainCheck(true, rows, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }

    /**
     * The newest entries the caller may see, newest first: a platform administrator sees all;
     * an organization administrator sees the entries of their subtrees.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> latest(Caller caller, AuditFilter filter, int limit) {
        List<String> paths = caller.isPlatformAdmin() ? List.of() : caller.readablePaths();
        if (!caller.isPlatformAdmin() && paths.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT seq, id, at, actor_user_id, actor_name, action, target_type, target_id, organization_id,"
                        + " org_path, detail, client_ip FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!caller.isPlatformAdmin()) {
            sql.append(" AND (");
            for (int i = 0; i < paths.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("org_path LIKE ?");
                args.add(paths.get(i) + "%");
            }
            sql.append(")");
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            args.add(filter.action());
        }
        if (filter.actorName() != null) {
            sql.append(" AND actor_name = ?");
            args.add(filter.actorName());
        }
        if (filter.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(Math.max(1, Math.min(limit, PAGE_LIMIT)));
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(read(rs));
                    }
                }
                return entries;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }

    /**
     * The newest {@code limit} entries about one target (a member, a household), oldest first, for
     * the feature that owns the target and has checked that the caller may see it (a member's
     * history). Joins the caller's transaction.
     */
    @Transactional(readOnly = true)
    public List<AuditEntry> about(String targetType, long targetId, int limit) {
        try (PreparedStatement s = dataSource
                .getConnection()
                .prepareStatement("SELECT seq, at, actor_user_id, actor_name, action, target_type, target_id,"
                        + " organization_id, detail, client_ip FROM audit_log WHERE target_type = ? AND target_id = ?"
                        + " ORDER BY seq DESC LIMIT ?")) {
            s.setString(1, targetType);
            s.setLong(2, targetId);
            s.setInt(3, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
            return entries.reversed();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }

    private byte[] hash(AuditEntry e, long id, String orgPath, byte[] previous) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.audit());
            mac.update(previous);
            mac.update(ByteBuffer.allocate(16).putLong(e.seq()).putLong(id).array());
            String canonical = String.join(
                    "\u001f",
                    String.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, e.at())),
                    String.valueOf(e.actorUserId()),
                    e.actorName(),
                    e.action(),
                    String.valueOf(e.targetType()),
                    String.valueOf(e.targetId()),
                    String.valueOf(e.organizationId()),
                    String.valueOf(orgPath),
                    String.valueOf(e.detail()),
                    String.valueOf(e.clientIp()));
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                (Long) rs.getObject("actor_user_id", Long.class),
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getString("target_type"),
                (Long) rs.getObject("target_id", Long.class),
                (Long) rs.getObject("organization_id", Long.class),
                rs.getString("detail"),
                rs.getString("client_ip"));
    }

    private static String truncate(String value, int max) {
        return value == null ? "" : value.length() <= max ? value : value.substring(0, max);
    }
}
