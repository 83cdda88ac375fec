package org.gongjian.members;

import static org.gongjian.database.Jdbc.setLong;
import static org.gongjian.members.MemberSql.connection;
import static org.gongjian.members.MemberSql.failure;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * SQL of households: the {@code household} rows and the members placed in one (a member's {@code
 * household_id} and {@code household_relation}).
 */
@Singleton
class HouseholdStore {

    /** A household row: its organization and that organization's path (the scope anchor). */
    record HouseholdRow(long id, long organizationId, String orgPath, @Nullable String address, Instant createdAt) {}

    private final DataSource dataSource;

    HouseholdStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(HouseholdRow row) {
        try (PreparedStatement s = connection(dataSource)
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

    Optional<HouseholdRow> find(long id, boolean forUpdate) {
        try (PreparedStatement s = connection(dataSource)
                .prepareStatement(
                        "SELECT id, organization_id, org_path, address, created_at FROM household WHERE id = ?"
                                + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The members placed in a household, by id. */
    List<StoredMember> members(long householdId) {
        String sql = "SELECT " + MemberRows.COLUMNS + " FROM member m WHERE m.household_id = ? ORDER BY m.id";
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            s.setLong(1, householdId);
            return MemberRows.readAll(s);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Puts a member into a household (or out of any, with nulls); bumps its version. */
    void place(long memberId, @Nullable Long householdId, @Nullable HouseholdRelation relation, Instant now) {
        try (PreparedStatement s = connection(dataSource)
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

    private static HouseholdRow read(ResultSet rs) throws SQLException {
        return new HouseholdRow(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
