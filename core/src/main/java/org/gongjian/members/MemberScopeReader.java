package org.gongjian.members;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;

/** The {@link MemberScopes} of the members table: one query per call, by primary key. */
@Singleton
class MemberScopeReader implements MemberScopes {

    private final TransactionOperations<Connection> transactions;

    MemberScopeReader(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<MemberScope> of(long memberId) {
        return Optional.ofNullable(of(List.of(memberId)).get(memberId));
    }

    @Override
    public Map<Long, MemberScope> of(Collection<Long> memberIds) {
        Map<Long, MemberScope> scopes = new HashMap<>();
        each("SELECT id, organization_id, org_path, status FROM member WHERE id IN ", memberIds, rs -> {
            long id = rs.getLong(1);
            scopes.put(
                    id,
                    new MemberScope(
                            id,
                            rs.getLong(2),
                            rs.getString(3),
                            MemberStatus.ACTIVE.name().equals(rs.getString(4))));
        });
        return scopes;
    }

    @Override
    public Map<Long, String> names(Collection<Long> memberIds) {
        Map<Long, String> names = new HashMap<>();
        each("SELECT id, name FROM member WHERE id IN ", memberIds, rs -> names.put(rs.getLong(1), rs.getString(2)));
        return names;
    }

    private void each(String select, Collection<Long> ids, Row row) {
        if (ids.isEmpty()) {
            return;
        }
        transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement(select + "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
                int i = 1;
                for (long id : ids) {
                    s.setLong(i++, id);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }
}
