package org.gongjian.membercodes;

import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;

/** SQL of {@code member_code}: the current version of a member's code (1 without a row), and raising it. */
@Singleton
class MemberCodeStore {

    private final TransactionOperations<Connection> transactions;

    MemberCodeStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    int version(long memberId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT version FROM member_code WHERE member_id = ?")) {
                s.setLong(1, memberId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 1;
                }
            }
        });
    }

    /** Raises the member's version by one (the first re-issue makes it 2); answers the new version. */
    int raise(long memberId, Instant at, @Nullable Long by) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO member_code (member_id, version, reissued_at, reissued_by) VALUES (?, 2, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE version = version + 1,"
                            + " reissued_at = VALUES(reissued_at), reissued_by = VALUES(reissued_by)")) {
                s.setLong(1, memberId);
                s.setTimestamp(2, Timestamp.from(at));
                setLong(s, 3, by);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT version FROM member_code WHERE member_id = ?")) {
                s.setLong(1, memberId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
