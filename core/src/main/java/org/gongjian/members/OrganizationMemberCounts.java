package org.gongjian.members;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.organizations.MemberCounts;

/** The {@link MemberCounts} of the organization tree, read from the member table. */
@Singleton
class OrganizationMemberCounts implements MemberCounts {

    private static final String ACTIVE = "'" + MemberStatus.ACTIVE.name() + "'";

    private final TransactionOperations<Connection> transactions;

    OrganizationMemberCounts(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Map<String, Long> activeByPath(List<String> pathPrefixes) {
        if (pathPrefixes.isEmpty()) {
            return Map.of();
        }
        String anyOf = String.join(" OR ", Collections.nCopies(pathPrefixes.size(), "org_path LIKE ?"));
        return transactions.executeRead(status -> {
            Map<String, Long> members = new HashMap<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT org_path, COUNT(*) FROM member WHERE status = " + ACTIVE + " AND ("
                            + anyOf + ") GROUP BY org_path")) {
                for (int i = 0; i < pathPrefixes.size(); i++) {
                    s.setString(i + 1, pathPrefixes.get(i) + "%");
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        members.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return members;
        });
    }

    @Override
    public long activeIn(long organizationId, String path) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT COUNT(*) FROM member WHERE status = " + ACTIVE + " AND (org_path LIKE ?"
                            + " OR organization_id = ? OR grid_id = ? OR branch_id = ?)")) {
                s.setString(1, path + "%");
                s.setLong(2, organizationId);
                s.setLong(3, organizationId);
                s.setLong(4, organizationId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
