package org.gongjian.members;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What the member stores share: the transaction's connection, one failure type, bulk sizes.
 * Every store of this package is plain JDBC over the injected data source, so each method runs in
 * the caller's transaction and the services decide what commits together.
 */
final class MemberSql {

    /** Rows per JDBC batch and ids per IN list in bulk operations. */
    static final int BATCH = 5000;

    private MemberSql() {}

    /** The connection of the caller's transaction. */
    static Connection connection(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@code ?, ?, ...} for an IN list of {@code count} values (at least one). */
    static String placeholders(int count) {
        return "?,".repeat(count - 1) + "?";
    }

    static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("Member storage failed", e);
    }
}
