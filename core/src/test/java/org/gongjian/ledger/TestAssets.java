package org.gongjian.ledger;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.gongjian.organizations.Organization;

/** Point kinds made directly in the database for engine tests. */
final class TestAssets {

    private static final AtomicLong NEXT = new AtomicLong(1_000);

    private TestAssets() {}

    static long pointKind(TransactionOperations<Connection> tx, Organization org, boolean negativeAllowed) {
        long id = NEXT.incrementAndGet();
        tx.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO ledger_asset (id, type, code, name, organization_id, org_path,"
                            + " unit_scale, negative_allowed, expiry_policy, created_at)"
                            + " VALUES (?, 'POINTS', ?, '测试积分', ?, ?, 10, ?, 'NEVER', ?)")) {
                s.setLong(1, id);
                s.setString(2, "P" + id);
                s.setLong(3, org.id());
                s.setString(4, org.path());
                s.setBoolean(5, negativeAllowed);
                s.setTimestamp(6, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            return null;
        });
        return id;
    }
}
