package org.gongjian.members;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts many new members with one {@code LOAD DATA LOCAL INFILE} fed from memory (tab-separated
 * rows generated as the server reads them): about half the server time of multi-row INSERT batches
 * and far less work for the JVM (no bind values, no statement rewriting). It runs in the caller's
 * transaction like any statement, so the import stays all-or-nothing.
 *
 * <p>Only on connections whose URL sets {@code allowLoadLocalInfileInPath} (the embedded server's
 * does, see {@code JdbcDefaults.LOCAL_STREAMS_ONLY} for why that is safe); {@link #load} answers
 * false otherwise, or when the server refuses local files (MySQL 8's default), and the caller
 * uses batches. With {@code LOCAL}, the server turns errors into warnings and skips the row, so
 * any warning or a short count fails the statement here: a duplicate ID number is {@link
 * IdNumberClash}, the caller's transaction then rolls back.
 */
final class MemberLoader {

    private static final Logger LOG = LoggerFactory.getLogger(MemberLoader.class);

    /** ER_NOT_ALLOWED_COMMAND, MySQL's ER_CLIENT_LOCAL_FILES_DISABLED, MariaDB's ER_LOAD_INFILE_CAPABILITY_DISABLED. */
    private static final List<Integer> REFUSED = List.of(1148, 3948, 4166);

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final String COLUMNS = "(id, organization_id, org_path, name, name_pinyin, name_initials, gender,"
            + " birth_date, @id_number_enc, @id_number_hash, id_last4, @phone_enc, phone_last4, address, grid_id,"
            + " status, party_status, party_joined_on, branch_id, volunteer, volunteer_since, skills, tags)";

    private MemberLoader() {}

    /** A row was skipped because its ID number is recorded meanwhile. */
    static final class IdNumberClash extends RuntimeException {
        IdNumberClash(String warning) {
            super(warning);
        }
    }

    /**
     * Inserts the members (not their tags) with {@code LOAD DATA LOCAL INFILE}.
     *
     * @return false when this connection or server cannot: nothing was inserted, use batches
     */
    static boolean load(Connection connection, List<MemberStore.NewMember> members, Instant now, IntConsumer progress)
            throws SQLException {
        if (members.isEmpty() || !mayStream(connection)) {
            return false;
        }
        return loadInto(connection, "member", ", created_at = '" + datetime(now) + "', version = 0", members, progress);
    }

    /**
     * Replaces the data (not the organization, nor the ID number's hash) of stored members, by id:
     * their rows go into a temporary table with {@code LOAD DATA LOCAL INFILE}, then one {@code
     * UPDATE ... JOIN} (instead of an {@code INSERT ... ON DUPLICATE KEY UPDATE} per row, which
     * first tries, and fails, to insert).
     *
     * @return false when this connection or server cannot: nothing was changed, use batches
     */
    static boolean update(Connection connection, List<MemberStore.NewMember> members, Instant now, IntConsumer progress)
            throws SQLException {
        if (members.isEmpty() || !mayStream(connection)) {
            return false;
        }
        try (Statement s = connection.createStatement()) {
            // a temporary table neither commits the transaction nor is seen by other sessions
            s.execute("CREATE TEMPORARY TABLE member_import AS SELECT id, organization_id, org_path, name,"
                    + " name_pinyin, name_initials, gender, birth_date, id_number_enc, id_number_hash, id_last4,"
                    + " phone_enc, phone_last4, address, grid_id, status, party_status, party_joined_on, branch_id,"
                    + " volunteer, volunteer_since, skills, tags FROM member WHERE FALSE");
        }
        try {
            if (!loadInto(connection, "member_import", "", members, progress)) {
                return false;
            }
            try (Statement s = connection.createStatement()) {
                long updated = s.executeLargeUpdate("UPDATE member m JOIN member_import t ON t.id = m.id SET"
                        + " m.name = t.name, m.name_pinyin = t.name_pinyin, m.name_initials = t.name_initials,"
                        + " m.gender = t.gender, m.birth_date = t.birth_date, m.id_number_enc = t.id_number_enc,"
                        + " m.id_last4 = t.id_last4, m.phone_enc = t.phone_enc, m.phone_last4 = t.phone_last4,"
                        + " m.address = t.address, m.grid_id = t.grid_id, m.status = t.status,"
                        + " m.party_status = t.party_status, m.party_joined_on = t.party_joined_on,"
                        + " m.branch_id = t.branch_id, m.volunteer = t.volunteer,"
                        + " m.volunteer_since = t.volunteer_since, m.skills = t.skills, m.tags = t.tags,"
                        + " m.updated_at = '" + datetime(now) + "', m.version = m.version + 1");
                if (updated != members.size()) {
                    throw new SQLException("Updated " + updated + " of " + members.size() + " members");
                }
            }
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TEMPORARY TABLE IF EXISTS member_import");
            }
        }
        return true;
    }

    /** Whether the connection's URL lets this class stream rows (see the class comment). */
    private static boolean mayStream(Connection connection) throws SQLException {
        return connection.isWrapperFor(JdbcConnection.class)
                && connection
                        .unwrap(JdbcConnection.class)
                        .getPropertySet()
                        .getStringProperty(PropertyKey.allowLoadLocalInfileInPath)
                        .isExplicitlySet();
    }

    private static String datetime(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Sends the rows to {@code table}; false when the server refuses local files. */
    private static boolean loadInto(
            Connection connection,
            String table,
            String moreColumns,
            List<MemberStore.NewMember> members,
            IntConsumer progress)
            throws SQLException {
        PropertySet properties = connection.unwrap(JdbcConnection.class).getPropertySet();
        String sql = "LOAD DATA LOCAL INFILE 'members.tsv' INTO TABLE " + table + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' " + COLUMNS
                + " SET id_number_enc = UNHEX(@id_number_enc), id_number_hash = UNHEX(@id_number_hash),"
                + " phone_enc = UNHEX(@phone_enc)" + moreColumns;
        RuntimeProperty<Boolean> allow = properties.getBooleanProperty(PropertyKey.allowLoadLocalInfile);
        boolean before = allow.getValue();
        long loaded;
        try (Statement s = connection.createStatement()) {
            s.unwrap(JdbcStatement.class).setLocalInfileInputStream(new Rows(members, progress));
            // Only for this statement, which has its own stream: Connector/J sends that stream.
            allow.setValue(true);
            try {
                loaded = s.executeLargeUpdate(sql);
            } finally {
                allow.setValue(before);
            }
            List<String> warnings = warnings(s);
            if (!warnings.isEmpty() || loaded != members.size()) {
                if (warnings.stream().anyMatch(w -> w.contains("ux_member_id_number"))) {
                    throw new IdNumberClash(warnings.getFirst());
                }
                throw new SQLException(
                        "LOAD DATA stored " + loaded + " of " + members.size() + " members: " + warnings);
            }
        } catch (SQLException e) {
            if (REFUSED.contains(e.getErrorCode())) {
                LOG.info("The database refuses LOAD DATA LOCAL INFILE ({}): bulk writes use batches", e.getMessage());
                return false;
            }
            throw e;
        }
        return true;
    }

    private static List<String> warnings(Statement s) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SHOW WARNINGS LIMIT 5")) {
            while (rs.next()) {
                found.add(rs.getString(1) + " " + rs.getInt(2) + ": " + rs.getString(3));
            }
        }
        return found;
    }

    /** The members as tab-separated lines, escaped for {@code LOAD DATA}, made as they are read. */
    private static final class Rows extends InputStream {

        private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

        private final List<MemberStore.NewMember> members;
        private final IntConsumer progress;
        private final StringBuilder text = new StringBuilder(64 * 1024);
        private int next;
        private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        private byte[] chunk = new byte[0];
        private int position;
        private int end;

        Rows(List<MemberStore.NewMember> members, IntConsumer progress) {
            this.members = members;
            this.progress = progress;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, end - position);
            System.arraycopy(chunk, position, into, offset, n);
            position += n;
            return n;
        }

        /** Encodes the next rows when the current chunk is used up; false at the end. */
        private boolean fill() {
            if (position < end) {
                return true;
            }
            if (next == members.size()) {
                return false;
            }
            if (next > 0 && next % 1024 == 0) {
                progress.accept(next);
            }
            text.setLength(0);
            for (int last = Math.min(members.size(), next + 256); next < last; next++) {
                line(members.get(next));
            }
            // straight from the builder to UTF-8 bytes: no String in between (most rows are not Latin-1)
            utf8.reset();
            ByteBuffer bytes;
            try {
                bytes = utf8.encode(CharBuffer.wrap(text));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("A member's text is not valid Unicode", e);
            }
            chunk = bytes.array();
            position = 0;
            end = bytes.limit();
            return true;
        }

        private void line(MemberStore.NewMember m) {
            MemberRow r = m.row();
            text.append(m.id()).append('\t').append(m.organizationId()).append('\t');
            field(m.orgPath());
            field(r.name());
            field(r.namePinyin());
            field(r.nameInitials());
            field(r.gender() == null ? null : r.gender().name());
            field(r.birthDate());
            hex(r.idNumberEnc());
            hex(r.idNumberHash());
            field(r.idLast4());
            hex(r.phoneEnc());
            field(r.phoneLast4());
            field(r.address());
            field(r.gridId());
            field(r.status().name());
            field(r.partyStatus() == null ? null : r.partyStatus().name());
            field(r.partyJoinedOn());
            field(r.branchId());
            text.append(r.volunteer() ? '1' : '0').append('\t');
            field(r.volunteerSince());
            field(r.skills());
            text.append(r.tags().isEmpty() ? "\\N" : escaped(String.join(",", r.tags())))
                    .append('\n');
        }

        private void field(Object value) {
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof String s) {
                text.append(escaped(s));
            } else if (value instanceof LocalDate || value instanceof Long) {
                text.append(value);
            } else {
                throw new IllegalArgumentException("Unexpected column value " + value.getClass());
            }
            text.append('\t');
        }

        private void hex(byte[] value) {
            if (value == null) {
                text.append("\\N");
            } else {
                for (byte b : value) {
                    text.append(HEX_DIGITS[(b >> 4) & 0xf]).append(HEX_DIGITS[b & 0xf]);
                }
            }
            text.append('\t');
        }

        /** Backslash, tab, line breaks and NUL escaped as {@code LOAD DATA ... ESCAPED BY '\\'} reads them. */
        private static CharSequence escaped(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r' || c == 0) {
                    return escapedSlowly(s);
                }
            }
            return s;
        }

        private static String escapedSlowly(String s) {
            StringBuilder b = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case 0 -> b.append("\\0");
                    default -> b.append(c);
                }
            }
            return b.toString();
        }
    }
}
