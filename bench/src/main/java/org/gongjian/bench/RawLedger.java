package org.gongjian.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.gongjian.ids.IdGenerator;
import org.gongjian.time.ApplicationTime;

/**
 * The baseline of {@link LedgerBench}: what {@code Ledger.post} does, written by hand with JDBC on
 * the same connection pool. The same statements in the same order and transaction (key lookup;
 * accounts {@code SELECT ... FOR UPDATE} in id order; the organization's path; request row;
 * batched transfers; batched entries; batched account updates), the same HMACs with the ledger's
 * key and the same encoding, so that reconciliation verifies its rows like the engine's; the same
 * retries on deadlocks and lock timeouts. Left out: validation of the input, ceilings, reversals
 * and every refusal but INSUFFICIENT_BALANCE (none happens in the benchmark).
 */
final class RawLedger {

    /** One transfer: debit and credit account, amount, codes and memo. */
    record Spec(long debit, long credit, long amount, String reasonCode, String category, String memo) {}

    /** The stored request and whether this call replayed it. */
    record Result(long requestId, boolean replayed, int transfers) {}

    private final DataSource pool;
    private final IdGenerator ids;
    private final ThreadLocal<Mac> macs;

    RawLedger(DataSource pool, IdGenerator ids, SecretKeySpec key) {
        this.pool = pool;
        this.ids = ids;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    Result post(String key, long organizationId, List<Spec> specs) throws SQLException {
        byte[] content = contentHash(organizationId, specs);
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    Result result = attempt(c, key, organizationId, specs, content);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    if (attempt >= 20 || !(e instanceof SQLException sql) || !retryable(sql)) {
                        throw e;
                    }
                } finally {
                    c.setAutoCommit(true);
                }
            }
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(50, 1L << Math.min(attempt, 6)) + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean retryable(SQLException e) {
        int code = e.getErrorCode();
        return code == 1213
                || code == 1205
                || code == 1020
                || (code == 1062 && String.valueOf(e.getMessage()).contains("ux_ledger_request_key"));
    }

    private Result attempt(Connection c, String key, long organizationId, List<Spec> specs, byte[] content)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, content_hash, result, failed_index FROM ledger_request"
                        + " WHERE client_id = ? AND idempotency_key = ?")) {
            s.setLong(1, 0);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (!Arrays.equals(rs.getBytes(2), content)) {
                        throw new IllegalStateException("other content under key " + key);
                    }
                    long requestId = rs.getLong(1);
                    return new Result(requestId, true, readTransfers(c, requestId));
                }
            }
        }
        Set<Long> ids = new TreeSet<>();
        for (Spec spec : specs) {
            ids.add(spec.debit());
            ids.add(spec.credit());
        }
        Map<Long, Locked> accounts = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT id, asset_id, owner_type, owner_id, org_path, balance, debits,"
                + " credits, entries, head_hash, closed_at FROM ledger_account WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY id FOR UPDATE");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long id : ids) {
                s.setLong(i++, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Locked a = new Locked(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            !"ISSUANCE".equals(rs.getString(3))
                                    && !"EXPIRY".equals(rs.getString(3))
                                    && !"REDEMPTION".equals(rs.getString(3)),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getBytes(10),
                            rs.getTimestamp(11) != null);
                    accounts.put(a.id, a);
                }
            }
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long requestId = this.ids.next();
        for (Spec spec : specs) {
            Locked debit = accounts.get(spec.debit());
            Locked credit = accounts.get(spec.credit());
            if (debit == null || credit == null || debit.assetId != credit.assetId || debit.closed || credit.closed) {
                throw new IllegalStateException("the benchmark posts only between open accounts of one asset");
            }
            if (debit.limited && debit.balance - spec.amount() < 0) {
                insertRequest(c, requestId, key, content, "INSUFFICIENT_BALANCE", 0, 0, at);
                return new Result(requestId, false, 0);
            }
            debit.balance -= spec.amount();
            debit.debits += spec.amount();
            credit.balance += spec.amount();
            credit.credits += spec.amount();
        }
        String orgPath;
        try (PreparedStatement s = c.prepareStatement("SELECT path FROM organization WHERE id = ?")) {
            s.setLong(1, organizationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                orgPath = rs.getString(1);
            }
        }
        try (PreparedStatement transfer = c.prepareStatement("INSERT INTO ledger_transfer (id, request_id, asset_id,"
                        + " debit_account_id, credit_account_id, amount, reason_code, category, memo, source_type,"
                        + " source_ref, reverses_id, actor_user_id, organization_id, org_path, posted_at, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement entry = c.prepareStatement("INSERT INTO ledger_entry (account_id, seq, transfer_id,"
                        + " asset_id, amount, balance, counterparty_type, posted_at, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement earning = c.prepareStatement("INSERT INTO ledger_earning (asset_id, month,"
                        + " account_id, amount) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE amount = amount"
                        + " + VALUES(amount)")) {
            int month = Integer.parseInt(
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMM").format(at.atZone(ApplicationTime.ZONE)));
            boolean earned = false;
            Timestamp postedAt = Timestamp.from(at);
            for (Spec spec : specs) {
                Locked debit = accounts.get(spec.debit());
                Locked credit = accounts.get(spec.credit());
                long transferId = this.ids.next();
                byte[] hash = macs.get()
                        .doFinal(new Canonical()
                                .add(transferId)
                                .add(requestId)
                                .add(debit.assetId)
                                .add(debit.id)
                                .add(credit.id)
                                .add(spec.amount())
                                .add(spec.reasonCode())
                                .add(spec.category())
                                .add(spec.memo())
                                .nothing()
                                .nothing()
                                .nothing()
                                .nothing()
                                .add(organizationId)
                                .add(orgPath)
                                .add(at)
                                .bytes());
                transfer.setLong(1, transferId);
                transfer.setLong(2, requestId);
                transfer.setLong(3, debit.assetId);
                transfer.setLong(4, debit.id);
                transfer.setLong(5, credit.id);
                transfer.setLong(6, spec.amount());
                transfer.setString(7, spec.reasonCode());
                transfer.setString(8, spec.category());
                transfer.setString(9, spec.memo());
                transfer.setNull(10, Types.VARCHAR);
                transfer.setNull(11, Types.VARCHAR);
                transfer.setNull(12, Types.BIGINT);
                transfer.setNull(13, Types.BIGINT);
                transfer.setLong(14, organizationId);
                transfer.setString(15, orgPath);
                transfer.setTimestamp(16, postedAt);
                transfer.setBytes(17, hash);
                transfer.addBatch();
                addEntry(entry, debit, credit.ownerType, transferId, -spec.amount(), at, postedAt, hash);
                addEntry(entry, credit, debit.ownerType, transferId, spec.amount(), at, postedAt, hash);
                if ("ISSUANCE".equals(debit.ownerType) && "MEMBER".equals(credit.ownerType)) {
                    earning.setLong(1, credit.assetId);
                    earning.setInt(2, month);
                    earning.setLong(3, credit.id);
                    earning.setLong(4, spec.amount());
                    earning.addBatch();
                    earned = true;
                } else if ("ISSUANCE".equals(credit.ownerType) && "MEMBER".equals(debit.ownerType)) {
                    earning.setLong(1, debit.assetId);
                    earning.setInt(2, month);
                    earning.setLong(3, debit.id);
                    earning.setLong(4, -spec.amount());
                    earning.addBatch();
                    earned = true;
                }
            }
            insertRequest(c, requestId, key, content, "OK", null, specs.size(), at);
            transfer.executeBatch();
            entry.executeBatch();
            if (earned) {
                earning.executeBatch();
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE ledger_account SET balance = ?, debits = ?,"
                + " credits = ?, entries = ?, head_hash = ? WHERE id = ? AND entries = ?")) {
            for (Locked a : accounts.values()) {
                update.setLong(1, a.balance);
                update.setLong(2, a.debits);
                update.setLong(3, a.credits);
                update.setLong(4, a.entries);
                update.setBytes(5, a.head);
                update.setLong(6, a.id);
                update.setLong(7, a.lockedEntries);
                update.addBatch();
            }
            for (int count : update.executeBatch()) {
                if (count == 0) {
                    throw new IllegalStateException("a locked account changed");
                }
            }
        }
        return new Result(requestId, false, specs.size());
    }

    private void addEntry(
            PreparedStatement s,
            Locked a,
            String counterparty,
            long transferId,
            long amount,
            Instant at,
            Timestamp postedAt,
            byte[] hash)
            throws SQLException {
        long seq = ++a.entries;
        a.balanceAfterEntries += amount;
        a.head = macs.get()
                .doFinal(new Canonical()
                        .add(a.head)
                        .add(a.id)
                        .add(seq)
                        .add(transferId)
                        .add(a.assetId)
                        .add(amount)
                        .add(a.balanceAfterEntries)
                        .add(counterparty)
                        .add(at)
                        .add(hash)
                        .bytes());
        s.setLong(1, a.id);
        s.setLong(2, seq);
        s.setLong(3, transferId);
        s.setLong(4, a.assetId);
        s.setLong(5, amount);
        s.setLong(6, a.balanceAfterEntries);
        s.setString(7, counterparty);
        s.setTimestamp(8, postedAt);
        s.setBytes(9, a.head);
        s.addBatch();
    }

    private static void insertRequest(
            Connection c,
            long requestId,
            String key,
            byte[] content,
            String result,
            Integer failed,
            int transfers,
            Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_request (id, client_id, idempotency_key,"
                + " content_hash, result, failed_index, transfers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, requestId);
            s.setLong(2, 0);
            s.setString(3, key);
            s.setBytes(4, content);
            s.setString(5, result);
            s.setObject(6, failed, Types.INTEGER);
            s.setInt(7, transfers);
            s.setTimestamp(8, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** Reads the transfers of a replayed request, as the engine does to answer them. */
    private static int readTransfers(Connection c, long requestId) throws SQLException {
        int count = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT t.id, t.request_id, t.asset_id, t.debit_account_id,"
                + " t.credit_account_id, t.amount, t.reason_code, t.category, t.memo, t.source_type, t.source_ref,"
                + " t.reverses_id, t.actor_user_id, t.organization_id, t.posted_at FROM ledger_transfer t"
                + " WHERE t.request_id = ? ORDER BY t.id")) {
            s.setLong(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) {
                    Object[] row = new Object[15];
                    for (int i = 1; i <= 14; i++) {
                        row[i - 1] = i >= 7 && i <= 11 ? rs.getString(i) : rs.getObject(i, Long.class);
                    }
                    row[14] = rs.getTimestamp(15).toInstant();
                    rows.add(row);
                    count++;
                }
            }
        }
        return count;
    }

    static byte[] contentHash(long organizationId, List<Spec> specs) {
        Canonical c = new Canonical().add(organizationId).add(specs.size());
        for (Spec t : specs) {
            c.add(t.debit())
                    .add(t.credit())
                    .add(t.amount())
                    .add(t.reasonCode())
                    .add(t.category())
                    .add(t.memo())
                    .nothing()
                    .nothing()
                    .nothing();
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(c.bytes());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A locked account and its state as the request applies. */
    private static final class Locked {
        final long id;
        final long assetId;
        final String ownerType;
        final boolean limited;
        final boolean closed;
        final long lockedEntries;
        long balance;
        long debits;
        long credits;
        long entries;
        long balanceAfterEntries;
        byte[] head;

        Locked(
                long id,
                long assetId,
                String ownerType,
                boolean limited,
                long balance,
                long debits,
                long credits,
                long entries,
                byte[] head,
                boolean closed) {
            this.id = id;
            this.assetId = assetId;
            this.ownerType = ownerType;
            this.limited = limited;
            this.balance = balance;
            this.balanceAfterEntries = balance;
            this.debits = debits;
            this.credits = credits;
            this.entries = entries;
            this.lockedEntries = entries;
            this.head = head;
            this.closed = closed;
        }
    }

    /** The ledger's encoding of hashed fields (see LedgerChain): typed and length-prefixed. */
    private static final class Canonical {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Canonical add(long value) {
            try {
                out.writeByte('L');
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Canonical add(String value) {
            return value == null ? nothing() : add(value.getBytes(StandardCharsets.UTF_8), 'S');
        }

        Canonical add(byte[] value) {
            return add(value, 'B');
        }

        Canonical add(Instant value) {
            return add(value.getEpochSecond()).add((long) value.getNano());
        }

        private Canonical add(byte[] value, char type) {
            try {
                out.writeByte(type);
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Canonical nothing() {
            try {
                out.writeByte('N');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
