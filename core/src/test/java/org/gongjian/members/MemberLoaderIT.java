package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.junit.jupiter.api.Test;

/**
 * {@link MemberLoader} ({@code LOAD DATA LOCAL INFILE} from memory) stores exactly what the JDBC
 * batches store, awkward characters included; without {@code allowLoadLocalInfileInPath} in the
 * URL it declines and the batches are used.
 */
@MicronautTest(transactional = false)
class MemberLoaderIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    DataSource dataSource;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Test
    void load_data_and_batches_store_the_same_columns_and_without_the_url_parameter_batches_are_used()
            throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "装载街道党工委");
        Organization org = organizations.createChild(street, OrganizationKind.COMMUNITY, "装载社区");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        HikariDataSource pool = (HikariDataSource) TestData.raw(dataSource);
        assertThat(pool.getJdbcUrl()).contains("allowLoadLocalInfileInPath=");
        String withoutParameter = pool.getJdbcUrl().replaceAll("&allowLoadLocalInfileInPath=[^&]*", "");

        MemberStore.NewMember loaded = member(org);
        AtomicInteger told = new AtomicInteger();
        try (Connection c = pool.getConnection()) {
            assertThat(MemberLoader.load(c, List.of(loaded), now, told::set)).isTrue();
        }
        MemberStore.NewMember batched = member(org);
        try (Connection c = DriverManager.getConnection(withoutParameter, pool.getUsername(), pool.getPassword())) {
            assertThat(MemberLoader.load(c, List.of(batched), now, n -> {})).isFalse();
            store(new OneConnection(c)).insertAll(List.of(batched), now);
        }

        List<String> first = columns(loaded.id());
        List<String> second = columns(batched.id());
        assertThat(first).hasSize(second.size()).isNotEmpty();
        assertThat(first).isEqualTo(second);
        assertThat(first).contains("address=C:\\路\t1号\n\\N 2", "skills=\\N", "tags=独居老人,\\低保", "version=0");

        // updates: a temporary table and one UPDATE ... JOIN, or batches of upserts; the same outcome
        Instant later = now.plusSeconds(60);
        MemberStore.NewMember loadedAgain = changed(loaded);
        try (Connection c = pool.getConnection()) {
            assertThat(MemberLoader.update(c, List.of(loadedAgain), later, n -> {}))
                    .isTrue();
        }
        MemberStore.NewMember batchedAgain = changed(batched);
        try (Connection c = DriverManager.getConnection(withoutParameter, pool.getUsername(), pool.getPassword())) {
            assertThat(MemberLoader.update(c, List.of(batchedAgain), later, n -> {}))
                    .isFalse();
            store(new OneConnection(c)).updateAll(List.of(batchedAgain), later);
        }
        List<String> firstUpdated = columns(loaded.id());
        assertThat(firstUpdated).isEqualTo(columns(batched.id()));
        assertThat(firstUpdated).contains("name=改\\名", "address=null", "version=1", "tags=\\新");
        assertThat(firstUpdated)
                .doesNotContain(first.stream()
                        .filter(c -> c.startsWith("updated_at"))
                        .toList()
                        .toArray(String[]::new));
    }

    /** A member whose text needs escaping in a LOAD DATA stream, with a fresh ID number hash. */
    private MemberStore.NewMember member(Organization org) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        byte[] enc = new byte[45];
        RANDOM.nextBytes(enc);
        MemberRow row = new MemberRow(
                "装\\载",
                "zhuangzai",
                "zz",
                Gender.FEMALE,
                LocalDate.of(1961, 2, 3),
                enc,
                hash,
                "123X",
                null,
                null,
                "C:\\路\t1号\n\\N 2",
                null,
                MemberStatus.ACTIVE,
                PartyStatus.values()[0],
                LocalDate.of(1990, 7, 1),
                null,
                true,
                null,
                "\\N",
                List.of("独居老人", "\\低保"));
        return new MemberStore.NewMember(ids.next(), org.id(), org.path(), row);
    }

    /** The same member with another name, no address and other tags. */
    private static MemberStore.NewMember changed(MemberStore.NewMember m) {
        MemberRow r = m.row();
        MemberRow row = new MemberRow(
                "改\\名",
                "gaiming",
                "gm",
                r.gender(),
                r.birthDate(),
                r.idNumberEnc(),
                r.idNumberHash(),
                r.idLast4(),
                r.phoneEnc(),
                r.phoneLast4(),
                null,
                r.gridId(),
                r.status(),
                r.partyStatus(),
                r.partyJoinedOn(),
                r.branchId(),
                false,
                r.volunteerSince(),
                r.skills(),
                List.of("\\新"));
        return new MemberStore.NewMember(m.id(), m.organizationId(), m.orgPath(), row);
    }

    /** Every column but the id, hash and ciphertext, as name=value. */
    private List<String> columns(long id) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = TestData.raw(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM member WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("member %d stored", id).isTrue();
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    if (!List.of("id", "id_number_hash", "id_number_enc").contains(name)) {
                        Object value = rs.getObject(i);
                        found.add(name + "=" + (value instanceof byte[] b ? Arrays.toString(b) : value));
                    }
                }
            }
        }
        return found;
    }

    /** The member store and its tag store on one connection, outside any transaction. */
    private static MemberStore store(DataSource oneConnection) {
        return new MemberStore(oneConnection, new MemberTagStore(oneConnection));
    }

    /** Hands out one connection (the store never closes it: a transaction's connection is not its to close). */
    private record OneConnection(Connection connection) implements DataSource {

        @Override
        public Connection getConnection() {
            return connection;
        }

        @Override
        public Connection getConnection(String username, String password) {
            return connection;
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("Not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
