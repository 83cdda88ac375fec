package org.gongjian.members;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * SQL for members, their tags, transfers and households. Every method runs in the caller's
 * transaction (the data source hands out the transaction's connection), so the services decide
 * what commits together.
 */
@Singleton
class MemberStore {

    static final String COLUMNS = "m.id, m.organization_id, m.org_path, m.name, m.name_pinyin, m.name_initials,"
            + " m.gender, m.birth_date, m.id_number_enc, m.id_last4, m.phone_enc, m.phone_last4, m.address,"
            + " m.grid_id, m.household_id, m.household_relation, m.status, m.party_status, m.party_joined_on,"
            + " m.branch_id, m.volunteer, m.volunteer_since, m.skills, m.tags, m.created_at, m.updated_at,"
            + " m.version";

    /** Rows per JDBC batch and ids per IN list in bulk operations. */
    static final int BATCH = 5000;

    private final DataSource dataSource;
    private final Organizations organizations;

    MemberStore(DataSource dataSource, Organizations organizations) {
        this.dataSource = dataSource;
        this.organizations = organizations;
    }

    Optional<StoredMember> find(long id, boolean forUpdate) {
        return queryOne("SELECT " + COLUMNS + " FROM member m WHERE m.id = ?" + (forUpdate ? " FOR UPDATE" : ""), id);
    }

    /** The member holding an ID number (by its keyed hash), if any. */
    Optional<Long> memberWithIdNumber(byte[] hash) {
        try (PreparedStatement s = connection().prepareStatement("SELECT id FROM member WHERE id_number_hash = ?")) {
            s.setBytes(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Inserts a member; false if its ID number hash is already taken (unique index). */
    boolean insert(long id, long organizationId, String orgPath, MemberRow row, Instant now) {
        String sql = "INSERT INTO member (id, organization_id, org_path, name, name_pinyin, name_initials, gender,"
                + " birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4, address, grid_id,"
                + " status, party_status, party_joined_on, branch_id, volunteer, volunteer_since, skills, tags,"
                + " created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, id);
            s.setLong(2, organizationId);
            s.setString(3, orgPath);
            int next = bindRow(s, 4, row);
            s.setTimestamp(next, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            if (isIdNumberClash(e)) {
                return false;
            }
            throw failure(e);
        } catch (SQLException e) {
            throw failure(e);
        }
        replaceTags(id, row.tags());
        return true;
    }

    /** A member already stored, found by its ID number's hash (bulk import). */
    record Holder(long id, long organizationId, String orgPath) {}

    /** The members holding these ID number hashes, by hash (as a {@link ByteBuffer} key); 1,000 per query. */
    Map<ByteBuffer, Holder> holdersOf(List<byte[]> hashes) {
        Map<ByteBuffer, Holder> found = new HashMap<>();
        for (int from = 0; from < hashes.size(); from += BATCH) {
            List<byte[]> chunk = hashes.subList(from, Math.min(hashes.size(), from + BATCH));
            String sql = "SELECT id, organization_id, org_path, id_number_hash FROM member WHERE id_number_hash IN ("
                    + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement s = connection().prepareStatement(sql)) {
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

    /** A new member for {@link #insertAll}. */
    record NewMember(long id, long organizationId, String orgPath, MemberRow row) {}

    /**
     * Inserts members and their tags: the members with one {@code LOAD DATA LOCAL INFILE} where the
     * connection allows it ({@link MemberLoader}), else with JDBC batches of {@value #BATCH} (one
     * round trip each when rewriting batches).
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
            loaded = MemberLoader.load(connection(), members, now, progress);
        } catch (MemberLoader.IdNumberClash e) {
            throw idNumberTaken();
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!loaded) {
            insertInBatches(members, now, progress);
        }
        insertTags(members.stream().map(m -> Map.entry(m.id(), m.row().tags())).toList());
    }

    private static InvalidInputException idNumberTaken() {
        return new InvalidInputException(
                MemberErrors.ID_NUMBER_TAKEN,
                "idNumber",
                "A member with an ID number of the roster was recorded meanwhile: check the roster again");
    }

    private void insertInBatches(List<NewMember> members, Instant now, IntConsumer progress) {
        String sql = "INSERT INTO member (id, organization_id, org_path, name, name_pinyin, name_initials, gender,"
                + " birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4, address, grid_id,"
                + " status, party_status, party_joined_on, branch_id, volunteer, volunteer_since, skills, tags,"
                + " created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            int pending = 0;
            int batches = 0;
            for (NewMember m : members) {
                s.setLong(1, m.id());
                s.setLong(2, m.organizationId());
                s.setString(3, m.orgPath());
                int next = bindRow(s, 4, m.row());
                s.setTimestamp(next, Timestamp.from(now));
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
        } catch (SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException clash && isIdNumberClash(clash)) {
                    throw idNumberTaken();
                }
            }
            throw failure(e);
        }
    }

    /**
     * Replaces the data (not the organization: {@code organizationId} and {@code orgPath} must be
     * the stored ones) of members by id, tags included: one multi-row upsert per batch of 1,000
     * (an UPDATE per row costs a round trip and a statement each).
     */
    void updateAll(List<NewMember> members, Instant now) {
        updateAll(members, now, n -> {});
    }

    /** As {@link #updateAll(List, Instant)}, telling the number of members updated so far. */
    void updateAll(List<NewMember> members, Instant now, IntConsumer progress) {
        boolean loaded;
        try {
            loaded = MemberLoader.update(connection(), members, now, progress);
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!loaded) {
            upsertInBatches(members, now, progress);
        }
        replaceAllTags(members);
    }

    private void upsertInBatches(List<NewMember> members, Instant now, IntConsumer progress) {
        String sql = "INSERT INTO member (id, organization_id, org_path, name, name_pinyin, name_initials, gender,"
                + " birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4, address, grid_id,"
                + " status, party_status, party_joined_on, branch_id, volunteer, volunteer_since, skills, tags,"
                + " created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)"
                + " ON DUPLICATE KEY UPDATE name = VALUES(name), name_pinyin = VALUES(name_pinyin),"
                + " name_initials = VALUES(name_initials), gender = VALUES(gender), birth_date = VALUES(birth_date),"
                + " id_number_enc = VALUES(id_number_enc), id_last4 = VALUES(id_last4), phone_enc = VALUES(phone_enc),"
                + " phone_last4 = VALUES(phone_last4), address = VALUES(address), grid_id = VALUES(grid_id),"
                + " status = VALUES(status), party_status = VALUES(party_status),"
                + " party_joined_on = VALUES(party_joined_on), branch_id = VALUES(branch_id),"
                + " volunteer = VALUES(volunteer), volunteer_since = VALUES(volunteer_since), skills = VALUES(skills),"
                + " tags = VALUES(tags), updated_at = VALUES(created_at), version = version + 1";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            int pending = 0;
            int batches = 0;
            for (NewMember m : members) {
                s.setLong(1, m.id());
                s.setLong(2, m.organizationId());
                s.setString(3, m.orgPath());
                int next = bindRow(s, 4, m.row());
                s.setTimestamp(next, Timestamp.from(now));
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
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Replaces the tags of these members by their rows' tags. */
    private void replaceAllTags(List<NewMember> members) {
        List<Long> ids = members.stream().map(NewMember::id).toList();
        try {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try (PreparedStatement d = connection()
                        .prepareStatement(
                                "DELETE FROM member_tag WHERE member_id IN (" + "?,".repeat(chunk.size() - 1) + "?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        d.setLong(i + 1, chunk.get(i));
                    }
                    d.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        insertTags(members.stream().map(m -> Map.entry(m.id(), m.row().tags())).toList());
    }

    private void insertTags(List<Map.Entry<Long, List<String>>> tagsByMember) {
        try (PreparedStatement insert =
                connection().prepareStatement("INSERT INTO member_tag (member_id, tag) VALUES (?, ?)")) {
            int pending = 0;
            for (Map.Entry<Long, List<String>> e : tagsByMember) {
                for (String tag : e.getValue()) {
                    insert.setLong(1, e.getKey());
                    insert.setString(2, tag);
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
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
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            int next = bindRow(s, 1, row);
            s.setTimestamp(next++, Timestamp.from(now));
            s.setLong(next++, id);
            s.setInt(next, expectedVersion);
            if (s.executeUpdate() == 0) {
                return UpdateResult.STALE;
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            if (isIdNumberClash(e)) {
                return UpdateResult.ID_NUMBER_TAKEN;
            }
            throw failure(e);
        } catch (SQLException e) {
            throw failure(e);
        }
        replaceTags(id, row.tags());
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
        try (PreparedStatement s = connection().prepareStatement(sql)) {
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

    void insertTransfer(
            long id, long memberId, long fromOrgId, long toOrgId, String reason, long actorUserId, Instant at) {
        String sql = "INSERT INTO member_transfer (id, member_id, from_org_id, to_org_id, reason, actor_user_id,"
                + " transferred_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, id);
            s.setLong(2, memberId);
            s.setLong(3, fromOrgId);
            s.setLong(4, toOrgId);
            s.setString(5, reason);
            s.setLong(6, actorUserId);
            s.setTimestamp(7, Timestamp.from(at));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    List<MemberTransfer> transfers(long memberId) {
        String sql = "SELECT t.id, t.member_id, t.from_org_id, t.to_org_id, t.reason, t.actor_user_id,"
                + " t.transferred_at FROM member_transfer t WHERE t.member_id = ? ORDER BY t.transferred_at, t.id";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, memberId);
            record Row(long id, long memberId, long from, long to, String reason, long actor, Instant at) {}
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getLong(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            Set<Long> orgIds = new HashSet<>();
            rows.forEach(r -> orgIds.addAll(List.of(r.from(), r.to())));
            Map<Long, Organization> orgs = organizations.find(orgIds);
            List<MemberTransfer> transfers = new ArrayList<>();
            for (Row r : rows) {
                transfers.add(new MemberTransfer(
                        r.id(),
                        r.memberId(),
                        r.from(),
                        orgs.get(r.from()).name(),
                        r.to(),
                        orgs.get(r.to()).name(),
                        r.reason(),
                        r.actor(),
                        r.at()));
            }
            return transfers;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A search prepared by {@link Members}: SQL conditions with their arguments, order and window. */
    record Query(String where, List<Object> args, String orderBy, int limit, long offset) {}

    /**
     * One page of a search. The ids of the page are chosen first, from the indexes alone where
     * possible, and only those rows are read in full.
     */
    List<StoredMember> search(Query query) {
        try (PreparedStatement s = connection().prepareStatement(pageSql(query, ""))) {
            int next = bind(s, query.args());
            s.setInt(next++, query.limit());
            s.setLong(next, query.offset());
            List<StoredMember> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static String pageSql(Query query, String prefix) {
        return prefix + "SELECT " + COLUMNS + " FROM (SELECT m.id FROM member m WHERE " + query.where() + " ORDER BY "
                + query.orderBy() + " LIMIT ? OFFSET ?) page JOIN member m ON m.id = page.id ORDER BY "
                + query.orderBy();
    }

    /** The server's plan for a search (EXPLAIN), one line per table access, for benchmarks. */
    List<String> explain(Query query) {
        try (PreparedStatement s = connection().prepareStatement(pageSql(query, "EXPLAIN "))) {
            int next = bind(s, query.args());
            s.setInt(next++, query.limit());
            s.setLong(next, query.offset());
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add("page: table=" + rs.getString("table") + " type=" + rs.getString("type") + " key="
                            + rs.getString("key") + " rows=" + rs.getString("rows") + " extra="
                            + rs.getString("Extra"));
                }
            }
            try (PreparedStatement c =
                    connection().prepareStatement("EXPLAIN SELECT COUNT(*) FROM member m WHERE " + query.where())) {
                bind(c, query.args());
                try (ResultSet rs = c.executeQuery()) {
                    while (rs.next()) {
                        lines.add("total: table=" + rs.getString("table") + " type=" + rs.getString("type")
                                + " key=" + rs.getString("key") + " rows=" + rs.getString("rows") + " extra="
                                + rs.getString("Extra"));
                    }
                }
            }
            return lines;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every member of a search in its order, streamed from the server (no page limit); for exports. */
    void forEach(Query query, Consumer<StoredMember> consumer) {
        String sql = "SELECT " + COLUMNS + " FROM member m WHERE " + query.where() + " ORDER BY " + query.orderBy();
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, query.args());
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(read(rs));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The organization paths of the members a search matches. */
    List<String> distinctPaths(Query query) {
        try (PreparedStatement s =
                connection().prepareStatement("SELECT DISTINCT m.org_path FROM member m WHERE " + query.where())) {
            bind(s, query.args());
            List<String> paths = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    paths.add(rs.getString(1));
                }
            }
            return paths;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    long count(Query query) {
        try (PreparedStatement s =
                connection().prepareStatement("SELECT COUNT(*) FROM member m WHERE " + query.where())) {
            bind(s, query.args());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    long countAll() {
        try (PreparedStatement s = connection().prepareStatement("SELECT COUNT(*) FROM member");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // Households

    /** A household row: its organization and that organization's path (the scope anchor). */
    record HouseholdRow(long id, long organizationId, String orgPath, @Nullable String address, Instant createdAt) {}

    void insertHousehold(HouseholdRow row) {
        try (PreparedStatement s = connection()
                .prepareStatement("INSERT INTO household (id, organization_id, org_path, address, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, row.id());
            s.setLong(2, row.organizationId());
            s.setString(3, row.orgPath());
            s.setString(4, row.address());
            s.setTimestamp(5, Timestamp.from(row.createdAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Optional<HouseholdRow> findHousehold(long id, boolean forUpdate) {
        try (PreparedStatement s = connection()
                .prepareStatement(
                        "SELECT id, organization_id, org_path, address, created_at FROM household WHERE id = ?"
                                + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new HouseholdRow(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    List<StoredMember> householdMembers(long householdId) {
        String sql = "SELECT " + COLUMNS + " FROM member m WHERE m.household_id = ? ORDER BY m.id";
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, householdId);
            List<StoredMember> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Puts a member into a household (or out of any, with nulls); bumps its version. */
    void placeInHousehold(
            long memberId, @Nullable Long householdId, @Nullable HouseholdRelation relation, Instant now) {
        try (PreparedStatement s = connection()
                .prepareStatement("UPDATE member SET household_id = ?, household_relation = ?, updated_at = ?,"
                        + " version = version + 1 WHERE id = ?")) {
            setLong(s, 1, householdId);
            s.setString(2, relation == null ? null : relation.name());
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, memberId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // Helpers

    private void replaceTags(long memberId, List<String> tags) {
        Connection c = connection();
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM member_tag WHERE member_id = ?")) {
            delete.setLong(1, memberId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
        if (tags.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO member_tag (member_id, tag) VALUES (?, ?)")) {
            for (String tag : tags) {
                insert.setLong(1, memberId);
                insert.setString(2, tag);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Optional<StoredMember> queryOne(String sql, long id) {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static int bindRow(PreparedStatement s, int first, MemberRow row) throws SQLException {
        int i = first;
        s.setString(i++, row.name());
        s.setString(i++, row.namePinyin());
        s.setString(i++, row.nameInitials());
        s.setString(i++, row.gender() == null ? null : row.gender().name());
        setDate(s, i++, row.birthDate());
        s.setBytes(i++, row.idNumberEnc());
        s.setBytes(i++, row.idNumberHash());
        s.setString(i++, row.idLast4());
        s.setBytes(i++, row.phoneEnc());
        s.setString(i++, row.phoneLast4());
        s.setString(i++, row.address());
        setLong(s, i++, row.gridId());
        s.setString(i++, row.status().name());
        s.setString(i++, row.partyStatus() == null ? null : row.partyStatus().name());
        setDate(s, i++, row.partyJoinedOn());
        setLong(s, i++, row.branchId());
        s.setBoolean(i++, row.volunteer());
        setDate(s, i++, row.volunteerSince());
        s.setString(i++, row.skills());
        s.setString(i++, row.tags().isEmpty() ? null : String.join(",", row.tags()));
        return i;
    }

    private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            s.setObject(i++, arg);
        }
        return i;
    }

    static StoredMember read(ResultSet rs) throws SQLException {
        String gender = rs.getString("gender");
        String relation = rs.getString("household_relation");
        String party = rs.getString("party_status");
        String tags = rs.getString("tags");
        Timestamp updated = rs.getTimestamp("updated_at");
        Member member = new Member(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("org_path"),
                rs.getString("name"),
                rs.getString("name_pinyin"),
                rs.getString("name_initials"),
                gender == null ? null : Gender.valueOf(gender),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("id_last4"),
                rs.getString("phone_last4"),
                rs.getString("address"),
                rs.getObject("grid_id", Long.class),
                rs.getObject("household_id", Long.class),
                relation == null ? null : HouseholdRelation.valueOf(relation),
                MemberStatus.valueOf(rs.getString("status")),
                party == null ? null : PartyStatus.valueOf(party),
                rs.getObject("party_joined_on", LocalDate.class),
                rs.getObject("branch_id", Long.class),
                rs.getBoolean("volunteer"),
                rs.getObject("volunteer_since", LocalDate.class),
                rs.getString("skills"),
                tags == null || tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
                rs.getTimestamp("created_at").toInstant(),
                updated == null ? null : updated.toInstant(),
                rs.getInt("version"));
        return new StoredMember(member, rs.getBytes("id_number_enc"), rs.getBytes("phone_enc"));
    }

    private static void setDate(PreparedStatement s, int index, @Nullable LocalDate value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DATE);
        } else {
            s.setObject(index, value);
        }
    }

    private static boolean isIdNumberClash(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("ux_member_id_number");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("Member storage failed", e);
    }
}
