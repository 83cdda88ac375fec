package org.gongjian.members;

import static org.gongjian.members.MemberSql.BATCH;
import static org.gongjian.members.MemberSql.connection;
import static org.gongjian.members.MemberSql.failure;
import static org.gongjian.members.MemberSql.placeholders;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * SQL of the {@code member_tag} table: one row per tag of a member, the index that tag searches
 * use. {@link MemberStore} writes it with the member rows (whose {@code tags} column keeps the
 * list for display), in the same transaction.
 */
@Singleton
class MemberTagStore {

    private final DataSource dataSource;

    MemberTagStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the tags of one member. */
    void replace(long memberId, List<String> tags) {
        try (PreparedStatement delete =
                connection(dataSource).prepareStatement("DELETE FROM member_tag WHERE member_id = ?")) {
            delete.setLong(1, memberId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
        if (!tags.isEmpty()) {
            insert(List.of(Map.entry(memberId, tags)));
        }
    }

    /** Replaces the tags of many members: deletes theirs, {@value MemberSql#BATCH} ids per statement, then inserts. */
    void replaceAll(List<Map.Entry<Long, List<String>>> tagsByMember) {
        List<Long> ids = tagsByMember.stream().map(Map.Entry::getKey).toList();
        try {
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
                try (PreparedStatement d = connection(dataSource)
                        .prepareStatement(
                                "DELETE FROM member_tag WHERE member_id IN (" + placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        d.setLong(i + 1, chunk.get(i));
                    }
                    d.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        insert(tagsByMember);
    }

    /** Inserts the tags of members that have none yet, in JDBC batches of {@value MemberSql#BATCH}. */
    void insert(List<Map.Entry<Long, List<String>>> tagsByMember) {
        try (PreparedStatement insert =
                connection(dataSource).prepareStatement("INSERT INTO member_tag (member_id, tag) VALUES (?, ?)")) {
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
}
