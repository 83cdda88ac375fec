package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.PersonalDataProtector;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test of speed: 100,000 members (a street of 5 communities with 4 grids
 * each, plausible names, 90 % active, encrypted ID numbers and phones) are bulk-inserted with JDBC
 * batches, then each search below runs 3 times to warm up and 20 times measured, through {@link
 * Members#search} (the server's time: SQL for the page and the total, decryption for the masks).
 * Prints the timings; asserts only that the searches find what they should. Run alone with
 * {@code mvn -B -o -pl db,core verify -Dit.test=MemberSearchBenchIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
class MemberSearchBenchIT {

    static final int MEMBERS = Integer.getInteger("gongjian.bench.members", 100_000);
    static final int RUNS = 20;
    static final int WARM_UP = 3;

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华志强海燕小红春梅文";

    @Inject
    Members members;

    @Inject
    Organizations organizations;

    @Inject
    PersonalDataProtector protector;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource dataSource;

    @Test
    void a_filtered_page_of_50_among_100k_members() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "基准街道");
        List<Organization> communities = new ArrayList<>();
        List<Organization> grids = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            Organization community = organizations.createChild(street, OrganizationKind.COMMUNITY, "基准社区" + c);
            communities.add(community);
            for (int g = 1; g <= 4; g++) {
                grids.add(organizations.createChild(community, OrganizationKind.GRID, "社区" + c + "网格" + g));
            }
        }
        long started = System.nanoTime();
        insert(grids);
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        try (Connection c = TestData.raw(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement("ANALYZE TABLE member, member_tag")) {
            s.execute();
        }

        Organization community = communities.get(2);
        Caller secretary =
                new Caller(1, "bench", null, List.of(new Grant(Role.ORG_ADMIN, community.id(), community.path())));
        Caller streetSecretary =
                new Caller(2, "bench-street", null, List.of(new Grant(Role.ORG_ADMIN, street.id(), street.path())));
        MemberSearch active = MemberSearch.of(null).withStatus("ACTIVE");

        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "%nMemberSearchBenchIT: %,d members inserted in %.1f s (JDBC batches of 1000)%n",
                MEMBERS, insertSeconds));
        report.append(String.format(
                "%-70s %8s %8s %8s %8s %8s%n",
                "search (page of 50, community ≈ 20k members)", "min ms", "median", "p95", "max", "total"));
        measure(
                report,
                "community subtree + ACTIVE + pinyin prefix 'zh', by name",
                secretary,
                active.withQueryOf("zh").inOrganization(community.id()));
        measure(
                report,
                "community subtree + ACTIVE + initials prefix 'wf', by name",
                secretary,
                active.withQueryOf("wf").inOrganization(community.id()));
        measure(
                report,
                "community subtree + ACTIVE + name prefix '王', by name",
                secretary,
                active.withQueryOf("王").inOrganization(community.id()));
        measure(
                report,
                "community subtree + ACTIVE, no query, by name (page 0)",
                secretary,
                active.inOrganization(community.id()));
        measure(
                report,
                "community subtree + ACTIVE, no query, by name (page 100)",
                secretary,
                active.inOrganization(community.id()).page(100, 50));
        measure(
                report,
                "community subtree + last 4 of phone '1234'",
                secretary,
                MemberSearch.of("1234").inOrganization(community.id()));
        measure(
                report,
                "whole street (100k) + ACTIVE + pinyin prefix 'zhang', by name",
                streetSecretary,
                active.withQueryOf("zhang"));
        measure(report, "whole street (100k) + ACTIVE, no query, by name", streetSecretary, active);
        System.out.println(report);

        MemberPage zh = members.search(secretary, active.withQueryOf("zh").inOrganization(community.id()));
        assertThat(zh.items())
                .hasSize(50)
                .allMatch(m -> m.namePinyin().startsWith("zh")
                        || NamePinyin.of(m.name()).initials().startsWith("zh"));
        assertThat(zh.total()).isGreaterThan(50);
    }

    private void measure(StringBuilder report, String what, Caller caller, MemberSearch search) {
        measure(report, what, () -> members.search(caller, search));
        for (String line : members.explain(caller, search)) {
            report.append("      ").append(line).append(System.lineSeparator());
        }
    }

    private void measure(StringBuilder report, String what, Supplier<MemberPage> search) {
        for (int i = 0; i < WARM_UP; i++) {
            search.get();
        }
        long[] nanos = new long[RUNS];
        long total = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            MemberPage page = search.get();
            nanos[i] = System.nanoTime() - start;
            total = page.total();
        }
        Arrays.sort(nanos);
        report.append(String.format(
                "%-70s %8.1f %8.1f %8.1f %8.1f %8d%n",
                what,
                nanos[0] / 1e6,
                nanos[RUNS / 2] / 1e6,
                nanos[(int) Math.ceil(RUNS * 0.95) - 1] / 1e6,
                nanos[RUNS - 1] / 1e6,
                total));
    }

    private void insert(List<Organization> grids) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        String sql = "INSERT INTO member (id, organization_id, org_path, name, name_pinyin, name_initials, gender,"
                + " birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4, status, volunteer,"
                + " created_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
        try (Connection c = TestData.raw(dataSource).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < MEMBERS; i++) {
                    Organization grid = grids.get(i % grids.size());
                    String name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + ""
                            + GIVEN.charAt(random.nextInt(GIVEN.length()))
                            + (random.nextBoolean() ? GIVEN.charAt(random.nextInt(GIVEN.length())) : "");
                    NamePinyin.Spelling spelling = NamePinyin.of(name);
                    LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i / 500);
                    String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                            + String.format("%03d", i % 500 * 2 + (i % 2));
                    String idNumber = first17 + IdNumbers.checkCharacter(first17);
                    String phone = "13" + String.format("%09d", random.nextInt(1_000_000_000));
                    int statusDraw = random.nextInt(100);
                    s.setLong(1, ids.next());
                    s.setLong(2, grid.id());
                    s.setString(3, grid.path());
                    s.setString(4, name);
                    s.setString(5, spelling.full());
                    s.setString(6, spelling.initials());
                    s.setString(7, IdNumbers.gender(idNumber));
                    s.setObject(8, birth);
                    s.setBytes(9, protector.encrypt(idNumber));
                    s.setBytes(10, protector.lookupHash(idNumber));
                    s.setString(11, idNumber.substring(14));
                    s.setBytes(12, protector.encrypt(phone));
                    s.setString(13, phone.substring(7));
                    s.setString(14, statusDraw < 90 ? "ACTIVE" : statusDraw < 97 ? "MOVED_OUT" : "DECEASED");
                    s.setBoolean(15, random.nextInt(4) == 0);
                    s.setTimestamp(16, Timestamp.from(now.plusMillis(i)));
                    s.addBatch();
                    if (i % 1000 == 999) {
                        s.executeBatch();
                        c.commit();
                    }
                }
                s.executeBatch();
                c.commit();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM member");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(MEMBERS);
            }
        }
    }
}
