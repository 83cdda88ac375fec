package org.gongjian.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.security.Accounts;
import org.gongjian.security.SignInResult;
import org.gongjian.security.UserAdmin;
import org.gongjian.time.ApplicationTime;
import org.junit.jupiter.api.Test;

/** {@code gongjian.demo=true}: the demo is seeded at start-up through the services, once. */
@MicronautTest(transactional = false)
@Property(name = "gongjian.demo", value = "true")
class DemoSeederIT {

    @Inject
    DemoSeeder seeder;

    @Inject
    Accounts accounts;

    @Inject
    Callers callers;

    @Inject
    UserAdmin userAdmin;

    @Inject
    Clock clock;

    @Inject
    DataSource injected;

    @Test
    void seeds_a_street_with_communities_grids_branches_households_members_and_accounts() throws Exception {
        assertThat(seeder.lastSeeding()).as("seeded at start-up").isNotNull();
        System.out.printf("Demo seeding took %d ms%n", seeder.lastSeeding().toMillis());

        assertThat(number("SELECT COUNT(*) FROM organization WHERE kind = 'PARTY_COMMITTEE' AND parent_id IS NULL"))
                .isEqualTo(1);
        assertThat(number("SELECT COUNT(*) FROM organization WHERE kind = 'COMMUNITY'"))
                .isEqualTo(5);
        assertThat(number("SELECT COUNT(*) FROM organization WHERE kind = 'GRID'"))
                .isEqualTo(20);
        assertThat(number("SELECT COUNT(*) FROM organization WHERE kind = 'BRANCH'"))
                .isEqualTo(12);
        assertThat(number("SELECT COUNT(*) FROM organization WHERE name = '东湖社区第一网格'"))
                .isEqualTo(1);
        assertThat(number("SELECT COUNT(*) FROM organization WHERE name = '东湖社区第一党支部'"))
                .isEqualTo(1);
        long members = number("SELECT COUNT(*) FROM member");
        assertThat(members).isBetween(1_900L, 2_200L);
        // every member in a community, with a grid of that community and a household
        assertThat(number("SELECT COUNT(*) FROM member m JOIN organization c ON c.id = m.organization_id"
                        + " JOIN organization g ON g.id = m.grid_id"
                        + " WHERE c.kind = 'COMMUNITY' AND g.parent_id = c.id AND m.household_id IS NOT NULL"))
                .isEqualTo(members);
        long households = number("SELECT COUNT(*) FROM household");
        assertThat(households).isGreaterThan(600);
        assertThat(number("SELECT COUNT(*) FROM member WHERE household_relation = 'HEAD'"))
                .isEqualTo(households);
        assertThat(number("SELECT COUNT(*) FROM household WHERE address LIKE '东湖街道%路%号%室'"
                        + " OR address LIKE '东湖街道%街%号%室' OR address LIKE '东湖街道%大道%号%室'"))
                .isEqualTo(households);
        long partyMembers = number("SELECT COUNT(*) FROM member WHERE party_status IN ('FULL', 'PROBATIONARY')");
        assertThat(partyMembers).isGreaterThan(100);
        assertThat(number("SELECT COUNT(*) FROM member m JOIN organization b ON b.id = m.branch_id"
                        + " WHERE m.party_status IN ('FULL', 'PROBATIONARY') AND b.kind = 'BRANCH'"
                        + " AND b.parent_id = m.organization_id"))
                .isEqualTo(partyMembers);
        assertThat(number("SELECT COUNT(*) FROM audit_log WHERE action = 'MEMBER_CREATED'"))
                .isEqualTo(members);

        Path file = seeder.accountsFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5 + 1 + 4);
        Map<String, String> paths = Map.of(
                "东湖社区", path("东湖社区"),
                "桃园社区", path("桃园社区"),
                "新华社区", path("新华社区"),
                "金桥社区", path("金桥社区"),
                "碧波社区", path("碧波社区"));
        for (String line : lines) {
            assertThat(line).matches("[a-z0-9-]+ [a-km-zA-HJ-NP-Z2-9]{10} (ORG_ADMIN|ORG_STAFF|VOLUNTEER) \\S+社区");
            String[] f = line.split(" ");
            SignInResult result = accounts.signIn(f[0], f[1]);
            assertThat(result.status()).as(line).isEqualTo(SignInResult.Status.OK);
            Caller caller = callers.forUser(result.user().orElseThrow().id());
            assertThat(caller.grants()).as(line).singleElement().satisfies(g -> {
                assertThat(g.role().name()).isEqualTo(f[2]);
                assertThat(g.orgPath()).isEqualTo(paths.get(f[3]));
            });
            switch (f[2]) {
                case "ORG_ADMIN", "ORG_STAFF" ->
                    assertThat(caller.readablePaths()).containsExactly(paths.get(f[3]));
                default -> {
                    assertThat(caller.readablePaths()).isEmpty();
                    assertThat(caller.memberId()).isNotNull();
                    assertThat(number(
                                    "SELECT COUNT(*) FROM member WHERE id = " + caller.memberId()
                                            + " AND volunteer = TRUE AND org_path = ?",
                                    paths.get(f[3])))
                            .isEqualTo(1);
                }
            }
        }
        assertThat(lines)
                .contains(lines.stream()
                        .filter(l -> l.startsWith("donghu-secretary "))
                        .findFirst()
                        .orElseThrow());

        assertThat(number("SELECT COUNT(DISTINCT address) FROM household")).isEqualTo(households);
        // the residents come from the fixed seed: the first household is DemoPeople's first
        String first = "东湖街道东湖路1号101室";
        List<String> expected = new DemoPeople(DemoSeeder.SEED, LocalDate.now(clock.withZone(ApplicationTime.ZONE)))
                .household(first).stream()
                        .map(p -> p.name() + "/" + p.relation())
                        .sorted()
                        .toList();
        assertThat(strings(
                        "SELECT CONCAT(m.name, '/', m.household_relation) FROM member m"
                                + " JOIN household h ON h.id = m.household_id WHERE h.address = ? ORDER BY 1",
                        first))
                .isEqualTo(expected);

        // only the platform itself creates accounts that need no password change
        Caller secretary = callers.forUser(
                accounts.signIn(lines.getFirst().split(" ")[0], lines.getFirst().split(" ")[1])
                        .user()
                        .orElseThrow()
                        .id());
        assertThatThrownBy(() -> userAdmin.createUser(secretary, "someone-new", "Xk4mPq9aRt2", null, false))
                .isInstanceOf(ForbiddenException.class);

        // a year of ledger history that reconciles: service deposits, points, spending, two approvals
        assertThat(number("SELECT COUNT(*) FROM ledger_asset WHERE type = 'POINTS'"))
                .isEqualTo(3);
        assertThat(number("SELECT COUNT(*) FROM points_rule")).isEqualTo(3);
        assertThat(number("SELECT COUNT(*) FROM ledger_transfer WHERE reason_code = 'SERVICE_DEPOSIT'"))
                .isGreaterThan(2_000);
        assertThat(number("SELECT COUNT(*) FROM ledger_transfer WHERE reason_code = 'SPEND'"))
                .isGreaterThan(50);
        assertThat(number("SELECT COUNT(DISTINCT reason_code) FROM ledger_transfer"))
                .isGreaterThanOrEqualTo(6);
        assertThat(number("SELECT COUNT(*) FROM points_adjustment WHERE status = 'PENDING'"))
                .isEqualTo(2);
        assertThat(number("SELECT COUNT(*) FROM ledger_reconciliation WHERE ok AND triggered_by = 'demo'"))
                .isEqualTo(1);

        // a second start seeds nothing
        long audit = number("SELECT COUNT(*) FROM audit_log");
        assertThat(seeder.seedIfEmpty()).isFalse();
        assertThat(number("SELECT COUNT(*) FROM organization")).isEqualTo(1 + 5 + 20 + 12);
        assertThat(number("SELECT COUNT(*) FROM member")).isEqualTo(members);
        assertThat(Files.readAllLines(file)).isEqualTo(lines);
        assertThat(number("SELECT COUNT(*) FROM audit_log")).isEqualTo(audit);
    }

    private String path(String name) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(injected).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT path FROM organization WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(injected).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private long number(String sql, Object... args) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(injected).getConnection();
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
