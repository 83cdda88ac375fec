package org.gongjian.members;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.gongjian.personaldata.IdNumbers;

/** Valid ID numbers and phones for tests, and a fingerprint of the member tables to prove "nothing changed". */
final class TestData {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private TestData() {}

    /** A valid ID number: Beijing Chaoyang, the given birth date, a fresh sequence of the gender. */
    static String idNumber(LocalDate birth, boolean male) {
        int sequence = SEQUENCE.incrementAndGet();
        if ((sequence % 2 == 1) != male) {
            sequence = SEQUENCE.incrementAndGet();
        }
        String first17 =
                "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", sequence % 1000);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    static String idNumber() {
        return idNumber(LocalDate.of(1990, 3, 7), true);
    }

    /** A fresh valid ID number whose check character is X. */
    static String idNumberEndingInX() {
        while (true) {
            int sequence = SEQUENCE.incrementAndGet();
            String first17 = "110105" + (19800101 + sequence % 28) + String.format("%03d", sequence % 1000);
            if (IdNumbers.checkCharacter(first17) == 'X') {
                return first17 + 'X';
            }
        }
    }

    private static final AtomicInteger PHONES = new AtomicInteger(10_000_000);

    static String phone() {
        return "139" + PHONES.incrementAndGet();
    }

    static DataSource raw(DataSource injected) {
        return DelegatingDataSource.unwrapDataSource(injected);
    }

    /**
     * Row counts and checksums of every table a member change touches, and the audit log's entries
     * apart from refusals (a refused change writes one {@code ACCESS_DENIED} entry by design): equal
     * before and after means nothing changed.
     */
    static List<String> fingerprint(DataSource injected) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = raw(injected).getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM audit_log WHERE action <> 'ACCESS_DENIED'");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                result.add("audit_log changes=" + rs.getLong(1) + " last=" + rs.getLong(2));
            }
            for (String table : List.of("member", "member_tag", "household", "member_transfer")) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    result.add(table + " rows=" + rs.getLong(1));
                }
                try (PreparedStatement s = c.prepareStatement("CHECKSUM TABLE " + table);
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    result.add(table + " checksum=" + rs.getString(2));
                }
            }
        }
        return result;
    }

    static long count(DataSource injected, String sql, Object... args) throws SQLException {
        try (Connection c = raw(injected).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
