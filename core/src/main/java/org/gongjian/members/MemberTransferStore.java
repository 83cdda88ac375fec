package org.gongjian.members;

import static org.gongjian.members.MemberSql.connection;
import static org.gongjian.members.MemberSql.failure;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/** SQL of the {@code member_transfer} table: the history of a member's moves between organizations (组织关系转接). */
@Singleton
class MemberTransferStore {

    private final DataSource dataSource;
    private final Organizations organizations;

    MemberTransferStore(DataSource dataSource, Organizations organizations) {
        this.dataSource = dataSource;
        this.organizations = organizations;
    }

    void insert(long id, long memberId, long fromOrgId, long toOrgId, String reason, long actorUserId, Instant at) {
        String sql = "INSERT INTO member_transfer (id, member_id, from_org_id, to_org_id, reason, actor_user_id,"
                + " transferred_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
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

    /** A member's transfers, oldest first, with the names of the organizations as they are now. */
    List<MemberTransfer> of(long memberId) {
        String sql = "SELECT t.id, t.member_id, t.from_org_id, t.to_org_id, t.reason, t.actor_user_id,"
                + " t.transferred_at FROM member_transfer t WHERE t.member_id = ? ORDER BY t.transferred_at, t.id";
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            s.setLong(1, memberId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
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
    }

    /** A transfer row, before the organizations' names are looked up. */
    private record Row(long id, long memberId, long from, long to, String reason, long actor, Instant at) {}

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getTimestamp(7).toInstant());
    }
}
