package org.gongjian.organizations;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;

/**
 * Plain SQL on the test's database, outside any transaction: rows that other features own
 * (members, households, role grants) are inserted here, and what the services stored is read back.
 */
final class TestDatabase {

    private final DataSource dataSource;
    private final IdGenerator ids;

    TestDatabase(DataSource injected, IdGenerator ids) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(injected);
        this.ids = ids;
    }

    /** A member of {@code org} with its path copied, as the members feature stores it. */
    long member(Organization org, String name, String status) {
        long id = ids.next();
        execute(
                "INSERT INTO member (id, organization_id, org_path, name, created_at, status) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                org.id(),
                org.path(),
                name,
                Timestamp.from(Instant.now()),
                status);
        return id;
    }

    long household(Organization org) {
        long id = ids.next();
        execute(
                "INSERT INTO household (id, organization_id, org_path, created_at) VALUES (?, ?, ?, ?)",
                id,
                org.id(),
                org.path(),
                Timestamp.from(Instant.now()));
        return id;
    }

    void grant(long userId, Role role, long organizationId) {
        execute(
                "INSERT INTO role_grant (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)",
                ids.next(),
                userId,
                role.name(),
                organizationId,
                Timestamp.from(Instant.now()));
    }

    String string(String sql, Object... args) {
        List<String> values = strings(sql, args);
        return values.isEmpty() ? null : values.getFirst();
    }

    long number(String sql, Object... args) {
        return Long.parseLong(string(sql, args));
    }

    List<String> strings(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole organization table as text, to show that a refused change changed nothing. */
    String organizationsSnapshot() {
        return String.join(
                "\n",
                strings("SELECT CONCAT_WS('|', id, IFNULL(parent_id, '-'), kind, name, path,"
                        + " IFNULL(archived_at, '-')) FROM organization ORDER BY id"));
    }

    /** Member and household paths as text. */
    String pathCopiesSnapshot() {
        return String.join(
                "\n",
                strings("SELECT CONCAT('m', id, '|', org_path) FROM member UNION ALL"
                        + " SELECT CONCAT('h', id, '|', org_path) FROM household ORDER BY 1"));
    }

    DataSource dataSource() {
        return dataSource;
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
