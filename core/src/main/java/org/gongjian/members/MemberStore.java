package org.gongjian.members;

import static org.gongjian.database.Jdbc.setLong;
import static org.gongjian.members.MemberSql.BATCH;
import static org.gongjian.members.MemberSql.connection;
import static org.gongjian.members.MemberSql.failure;
import static org.gongjian.members.MemberSql.placeholders;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.gongjian.errors.InvalidInputException;

/**
 * SQL of member rows, one at a time and in bulk (roster imports), with their tags ({@link
 * MemberTagStore}). Searches are in {@link MemberSearchStore}, households in {@link
 * HouseholdStore}, transfers in {@link MemberTransferStore}. Every method runs in the caller's
 * transaction (the data source hands out the transaction's connection), so the services decide
 * what commits together.
 */
@Singleton
class MemberStore {

    private final DataSource dataSource;
    private final MemberTagStore tags;

    MemberStore(DataSource dataSource, MemberTagStore tags) {
        this.dataSource = dataSource;
        this.tags = tags;
    }

    Optional<StoredMember> find(long id, boolean forUpdate) {
        String sql =
                "SELECT " + MemberRows.COLUMNS + " FROM member m WHERE m.id = ?" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(MemberRows.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The member holding an ID number (by its keyed hash), if any. */
    Optional<Long> memberWithIdNumber(byte[] hash) {
        try (PreparedStatement s =
                connection(dataSource).prepareStatement("SELECT id FROM member WHERE id_number_hash = ?")) {
            s.setBytes(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    long countAll() {
        try (PreparedStatement s = connection(dataSource).prepareStatement("SELECT COUNT(*) FROM member");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Inserts a member; false if its ID number hash is already taken (unique index). */
    boolean insert(long id, long organizationId, String orgPath, MemberRow row, Instant now) {
        try (PreparedStatement s = connection(dataSource).prepareStatement(MemberRows.INSERT)) {
            MemberRows.bindInsert(s, id, organizationId, orgPath, row, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            if (MemberRows.isIdNumberClash(e)) {
                return false;
            }
            throw failure(e);
        } catch (SQLException e) {
            throw failure(e);
        }
        tags.replace(id, row.tags());
        return true;
    }

    /** The outcome of an update guarded by a version. */
    enum UpdateResult {
        UPDATED,
        STALE,
        ID_NUMBER_TAKEN
    }

    UpdateResult update(long id, int expectedVersion, MemberRow row, Instant now) {
        String sql = "UPDATE member SET name = ?, name_pinyin = ?, name_initials = ?, gender = ?, birth_date = ?,"
                + " id_number_enc = ?, id_number_hash = ?, id_last4 = ?, phone_enc = ?, phone_last4 = ?, address = ?,"
                + " grid_id = ?, status = ?, party_status = ?, party_joined_on = ?, branch_id = ?, volunteer = ?,"
                + " volunteer_since = ?, skills = ?, tags = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ?";
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            int next = MemberRows.bind(s, 1, row);
            s.setTimestamp(next++, Timestamp.from(now));
            s.setLong(next++, id);
            s.setInt(next, expectedVersion);
            if (s.executeUpdate() == 0) {
                return UpdateResult.STALE;
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            if (MemberRows.isIdNumberClash(e)) {
                return UpdateResult.ID_NUMBER_TAKEN;
            }
            throw failure(e);
        } catch (SQLException e) {
            throw failure(e);
        }
        tags.replace(id, row.tags());
        return UpdateResult.UPDATED;
    }

    /** Moves a member to another organization; false if the version moved on meanwhile. */
    boolean move(
            long id,
            int expectedVersion,
            long organizationId,
            String orgPath,
            @Nullable Long gridId,
            @Nullable Long branchId,
            @Nullable Long householdId,
            @Nullable HouseholdRelation relation,
            Instant now) {
        String sql = "UPDATE member SET organization_id = ?, org_path = ?, grid_id = ?, branch_id = ?,"
                + " household_id = ?, household_relation = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ?";
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            s.setLong(1, organizationId);
            s.setString(2, orgPath);
            setLong(s, 3, gridId);
            setLong(s, 4, branchId);
            setLong(s, 5, householdId);
            s.setString(6, relation == null ? null : relation.name());
            s.setTimestamp(7, Timestamp.from(now));
            s.setLong(8, id);
            s.setInt(9, expectedVersion);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // Bulk: roster imports

    /** A member already stored, found by its ID number's hash (bulk import). */
    record Holder(long id, long organizationId, String orgPath) {}

    /** The members holding these ID number hashes, by hash (as a {@link ByteBuffer} key); {@value MemberSql#BATCH} per query. */
    Map<ByteBuffer, Holder> holdersOf(List<byte[]> hashes) {
        Map<ByteBuffer, Holder> found = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += BATCH) {
            List<byte[]> chunk = hashes.subList(from, Math.min(hashes.size(), from + BATCH));
            String sql = "SELECT id, organization_id, org_path, id_number_hash FROM member WHERE id_number_hash IN ("
                    + placeholders(chunk.size()) + ")";
            try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setBytes(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(
                                ByteBuffer.wrap(rs.getBytes(4)),
                                new Holder(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        return found;
    }

    /** A new member for {@link #insertAll}, or a changed one for {@link #updateAll}. */
    record NewMember(long id, long organizationId, String orgPath, MemberRow row) {}

    /**
     * Inserts members and their tags: the members with one {@code LOAD DATA LOCAL INFILE} where the
     * connection allows it ({@link MemberLoader}), else with JDBC batches of {@value MemberSql#BATCH}
     * (one round trip each when rewriting batches).
     *
     * @throws InvalidInputException {@code ID_NUMBER_TAKEN} when a member was recorded meanwhile
     *     under one of the ID numbers (the caller's transaction must roll back)
     */
    void insertAll(List<NewMember> members, Instant now) {
        insertAll(members, now, n -> {});
    }

    /** As {@link #insertAll(List, Instant)}, telling the number of members sent so far. */
    void insertAll(List<NewMember> members, Instant now, IntConsumer progress) {
        boolean loaded;
        try {
            loaded = MemberLoader.load(connection(dataSource), members, now, progress);
        } catch (MemberLoader.IdNumberClash e) {
            throw idNumberTaken();
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!loaded) {
            try {
                inBatches(MemberRows.INSERT, members, now, progress);
            } catch (SQLException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof SQLException clash && MemberRows.isIdNumberClash(clash)) {
                        throw idNumberTaken();
                    }
                }
                throw failure(e);
            }
        }
        tags.insert(tagsOf(members));
    }

    /**
     * Replaces the data (not the organization: {@code organizationId} and {@code orgPath} must be
     * the stored ones) of members by id, tags included: through a temporary table and one UPDATE
     * where the connection allows {@code LOAD DATA} ({@link MemberLoader}), else with JDBC batches
     * of {@value MemberSql#BATCH} upserts (an UPDATE per row costs a round trip and a statement each).
     */
    void updateAll(List<NewMember> members, Instant now) {
        updateAll(members, now, n -> {});
    }

    /** As {@link #updateAll(List, Instant)}, telling the number of members updated so far. */
    void updateAll(List<NewMember> members, Instant now, IntConsumer progress) {
        boolean loaded;
        try {
            loaded = MemberLoader.update(connection(dataSource), members, now, progress);
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!loaded) {
            String upsert = MemberRows.INSERT
                    + " ON DUPLICATE KEY UPDATE name = VALUES(name), name_pinyin = VALUES(name_pinyin),"
                    + " name_initials = VALUES(name_initials), gender = VALUES(gender), birth_date = VALUES(birth_date),"
                    + " id_number_enc = VALUES(id_number_enc), id_last4 = VALUES(id_last4), phone_enc = VALUES(phone_enc),"
                    + " phone_last4 = VALUES(phone_last4), address = VALUES(address), grid_id = VALUES(grid_id),"
                    + " status = VALUES(status), party_status = VALUES(party_status),"
                    + " party_joined_on = VALUES(party_joined_on), branch_id = VALUES(branch_id),"
                    + " volunteer = VALUES(volunteer), volunteer_since = VALUES(volunteer_since), skills = VALUES(skills),"
                    + " tags = VALUES(tags), updated_at = VALUES(created_at), version = version + 1";
            try {
                inBatches(upsert, members, now, progress);
            } catch (SQLException e) {
                throw failure(e);
            }
        }
        tags.replaceAll(tagsOf(members));
    }

    private static InvalidInputException idNumberTaken() {
        return new InvalidInputException(
                MemberErrors.ID_NUMBER_TAKEN,
                "idNumber",
                "A member with an ID number of the roster was recorded meanwhile: check the roster again");
    }

    /** Runs {@code sql} (with {@link MemberRows#INSERT}'s parameters) for each member, in JDBC batches. */
    private void inBatches(String sql, List<NewMember> members, Instant now, IntConsumer progress) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            int pending = 0;
            int batches = 0;
            for (NewMember m : members) {
                MemberRows.bindInsert(s, m.id(), m.organizationId(), m.orgPath(), m.row(), at);
                s.addBatch();
                if (++pending == BATCH) {
                    s.executeBatch();
                    pending = 0;
                    progress.accept(++batches * BATCH);
                }
            }
            if (pending > 0) {
                s.executeBatch();
            }
        }
    }

    private static List<Map.Entry<Long, List<String>>> tagsOf(List<NewMember> members) {
        return members.stream().map(m -> Map.entry(m.id(), m.row().tags())).toList();
    }
}
