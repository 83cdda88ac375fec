package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.members.MemberBulkWriter;
import org.gongjian.members.MemberInput;
import org.gongjian.organizations.Organization;
import org.gongjian.personaldata.IdNumbers;

/** Members and their ledger accounts for benchmarks, written in bulk. */
final class BenchPeople {

    private BenchPeople() {}

    /**
     * Writes {@code count} members spread over {@code organizations} in turn, with valid ID numbers
     * (born from 1950 on), through {@link MemberBulkWriter} in transactions of 10,000.
     */
    static void members(ApplicationContext context, List<Organization> organizations, int count) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        MemberBulkWriter writer = context.getBean(MemberBulkWriter.class);
        List<MemberInput> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(i / 500);
            String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", i % 500 * 2 + (i % 2));
            batch.add(MemberInput.builder()
                    .organizationId(organizations.get(i % organizations.size()).id())
                    .name("成员" + Integer.toString(i, 36))
                    .idNumber(first17 + IdNumbers.checkCharacter(first17))
                    .build());
            if (batch.size() == 10_000 || i == count - 1) {
                List<MemberInput> chunk = List.copyOf(batch);
                tx.executeWrite(status -> writer.write(Caller.system(), chunk));
                batch.clear();
            }
        }
    }

    /** Opens an empty account of {@code assetId} for every member with one SQL statement; answers their ids in order. */
    static long[] accounts(TransactionOperations<Connection> tx, long assetId, int members) {
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO ledger_account (id, asset_id, owner_type, owner_id,"
                            + " org_path, balance, debits, credits, entries, head_hash, created_at)"
                            + " SELECT id + ?, ?, 'MEMBER', id, '', 0, 0, 0, 0, UNHEX(REPEAT('00', 32)), UTC_TIMESTAMP(6)"
                            + " FROM member")) {
                s.setLong(1, 7 + assetId);
                s.setLong(2, assetId);
                s.executeUpdate();
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id FROM ledger_account WHERE asset_id = ? AND owner_type = 'MEMBER' ORDER BY id")) {
                s.setLong(1, assetId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.size() != members) {
                throw new IllegalStateException("expected " + members + " accounts, got " + ids.size());
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        });
    }
}
