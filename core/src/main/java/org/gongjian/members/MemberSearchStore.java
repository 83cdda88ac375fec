package org.gongjian.members;

import static org.gongjian.members.MemberSql.connection;
import static org.gongjian.members.MemberSql.failure;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * SQL of member searches: a page, the total, every match streamed for exports, the organizations
 * they lie in, and the server's plan. {@link Members} builds the {@link Query} (the caller's scope
 * and the filters); this store only runs it.
 */
@Singleton
class MemberSearchStore {

    /** A search prepared by {@link Members}: SQL conditions on {@code member m} with their arguments, order and window. */
    record Query(String where, List<Object> args, String orderBy, int limit, long offset) {}

    private final DataSource dataSource;

    MemberSearchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One page of a search. The ids of the page are chosen first, from the indexes alone where
     * possible, and only those rows are read in full.
     */
    List<StoredMember> search(Query query) {
        try (PreparedStatement s = connection(dataSource).prepareStatement(pageSql(query, ""))) {
            bindPage(s, query);
            return MemberRows.readAll(s);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The server's plan for a search (EXPLAIN), one line per table access, for benchmarks. */
    List<String> explain(Query query) {
        try (PreparedStatement s = connection(dataSource).prepareStatement(pageSql(query, "EXPLAIN "))) {
            bindPage(s, query);
            List<String> lines = new ArrayList<>();
            planLines(s, "page", lines);
            try (PreparedStatement c = connection(dataSource)
                    .prepareStatement("EXPLAIN SELECT COUNT(*) FROM member m WHERE " + query.where())) {
                bind(c, query.args());
                planLines(c, "total", lines);
            }
            return lines;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every member of a search in its order, streamed from the server (no page limit); for exports. */
    void forEach(Query query, Consumer<StoredMember> consumer) {
        String sql = "SELECT " + MemberRows.COLUMNS + " FROM member m WHERE " + query.where() + " ORDER BY "
                + query.orderBy();
        try (PreparedStatement s = connection(dataSource).prepareStatement(sql)) {
            bind(s, query.args());
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(MemberRows.read(rs));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The organization paths of the members a search matches. */
    List<String> distinctPaths(Query query) {
        try (PreparedStatement s = connection(dataSource)
                .prepareStatement("SELECT DISTINCT m.org_path FROM member m WHERE " + query.where())) {
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

    /** How many members a search matches. */
    long count(Query query) {
        try (PreparedStatement s =
                connection(dataSource).prepareStatement("SELECT COUNT(*) FROM member m WHERE " + query.where())) {
            bind(s, query.args());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static String pageSql(Query query, String prefix) {
        return prefix + "SELECT " + MemberRows.COLUMNS + " FROM (SELECT m.id FROM member m WHERE " + query.where()
                + " ORDER BY " + query.orderBy() + " LIMIT ? OFFSET ?) page JOIN member m ON m.id = page.id ORDER BY "
                + query.orderBy();
    }

    private static void bindPage(PreparedStatement s, Query query) throws SQLException {
        int next = bind(s, query.args());
        s.setInt(next++, query.limit());
        s.setLong(next, query.offset());
    }

    private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            s.setObject(i++, arg);
        }
        return i;
    }

    /** Runs an EXPLAIN and adds one line per table access, named {@code part}. */
    private static void planLines(PreparedStatement explain, String part, List<String> lines) throws SQLException {
        try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                lines.add(part + ": table=" + rs.getString("table") + " type=" + rs.getString("type") + " key="
                        + rs.getString("key") + " rows=" + rs.getString("rows") + " extra=" + rs.getString("Extra"));
            }
        }
    }
}
