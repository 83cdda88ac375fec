package org.gongjian.members;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The member row in SQL: the columns read ({@link #COLUMNS}, alias {@code m}), the one row mapper
 * ({@link #read}), the columns written ({@link #INSERT}, {@link #bind}) and the unique index of
 * ID numbers. Shared by the stores that read or write member rows.
 */
final class MemberRows {

    static final String COLUMNS = "m.id, m.organization_id, m.org_path, m.name, m.name_pinyin, m.name_initials,"
            + " m.gender, m.birth_date, m.id_number_enc, m.id_last4, m.phone_enc, m.phone_last4, m.address,"
            + " m.grid_id, m.household_id, m.household_relation, m.status, m.party_status, m.party_joined_on,"
            + " m.branch_id, m.volunteer, m.volunteer_since, m.skills, m.tags, m.created_at, m.updated_at,"
            + " m.version";

    /**
     * A new member: id, organization id and path, then the {@link MemberRow} as {@link #bind}
     * writes it, then the creation time; no update yet, version 0.
     */
    static final String INSERT = "INSERT INTO member (id, organization_id, org_path, name, name_pinyin,"
            + " name_initials, gender, birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4,"
            + " address, grid_id, status, party_status, party_joined_on, branch_id, volunteer, volunteer_since,"
            + " skills, tags, created_at, updated_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0)";

    private MemberRows() {}

    /** Binds {@link #INSERT}'s values: the member, then the row, then {@code now}. */
    static void bindInsert(
            PreparedStatement s, long id, long organizationId, String orgPath, MemberRow row, Timestamp now)
            throws SQLException {
        s.setLong(1, id);
        s.setLong(2, organizationId);
        s.setString(3, orgPath);
        int next = bind(s, 4, row);
        s.setTimestamp(next, now);
    }

    /** Binds the columns of a {@link MemberRow} from parameter {@code first} on; answers the next parameter. */
    static int bind(PreparedStatement s, int first, MemberRow row) throws SQLException {
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

    /** Runs a query of the {@link #COLUMNS} and reads every row. */
    static List<StoredMember> readAll(PreparedStatement query) throws SQLException {
        List<StoredMember> found = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                found.add(read(rs));
            }
        }
        return found;
    }

    /** Reads the {@link #COLUMNS} of the current row. */
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

    /** Whether a write failed on the unique index of ID number hashes. */
    static boolean isIdNumberClash(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("ux_member_id_number");
    }

    private static void setDate(PreparedStatement s, int index, @Nullable LocalDate value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DATE);
        } else {
            s.setObject(index, value);
        }
    }
}
