package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.members.MemberBulkWriter;
import org.gongjian.members.MemberInput;
import org.gongjian.members.MemberPage;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;

/**
 * Member search among N members (default 100,000: a street of 5 communities with 4 grids each,
 * plausible names, 90 % active, encrypted ID numbers and phones), stored through the bulk writer
 * of the members feature; then each search runs 3 times to warm up and 20 times measured through
 * {@link Members#search} (the server's time: SQL for the page and the total, decryption for the
 * masks). Prints the timings and the server's plans.
 *
 * <p>Usage: {@code bench/run MemberSearchBench [members]}. Throwaway home under {@code
 * bench/target/bench-homes/}, deleted at the end.
 */
public final class MemberSearchBench {

    static final int RUNS = 20;
    static final int WARM_UP = 3;

    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华志强海燕小红春梅文";

    private MemberSearchBench() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (ApplicationContext context = BenchContext.start("search")) {
            Organizations organizations = context.getBean(Organizations.class);
            Members members = context.getBean(Members.class);
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
            insert(context, grids, count);
            double insertSeconds = (System.nanoTime() - started) / 1e9;
            DataSource raw = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            try (Connection c = raw.getConnection();
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
                    "%nMemberSearchBench: %,d members stored in %.1f s (MemberBulkWriter: rules, pinyin, encryption,"
                            + " JDBC batches)%n",
                    count, insertSeconds));
            report.append(String.format(
                    "%-70s %8s %8s %8s %8s %8s%n",
                    "search (page of 50, community ≈ 20k members)", "min ms", "median", "p95", "max", "total"));
            Bench bench = new Bench(members, report);
            bench.measure(
                    "community subtree + ACTIVE + pinyin prefix 'zh', by name",
                    secretary,
                    active.withQueryOf("zh").inOrganization(community.id()));
            bench.measure(
                    "community subtree + ACTIVE + initials prefix 'wf', by name",
                    secretary,
                    active.withQueryOf("wf").inOrganization(community.id()));
            bench.measure(
                    "community subtree + ACTIVE + name prefix '王', by name",
                    secretary,
                    active.withQueryOf("王").inOrganization(community.id()));
            bench.measure(
                    "community subtree + ACTIVE, no query, by name (page 0)",
                    secretary,
                    active.inOrganization(community.id()));
            bench.measure(
                    "community subtree + ACTIVE, no query, by name (page 100)",
                    secretary,
                    active.inOrganization(community.id()).page(100, 50));
            bench.measure(
                    "community subtree + last 4 of phone '1234'",
                    secretary,
                    MemberSearch.of("1234").inOrganization(community.id()));
            bench.measure(
                    "whole street (100k) + ACTIVE + pinyin prefix 'zhang', by name",
                    streetSecretary,
                    active.withQueryOf("zhang"));
            bench.measure("whole street (100k) + ACTIVE, no query, by name", streetSecretary, active);
            System.out.println(report);

            MemberPage zh = members.search(secretary, active.withQueryOf("zh").inOrganization(community.id()));
            if (zh.items().size() != 50 || zh.total() <= 50) {
                throw new IllegalStateException("the 'zh' search found " + zh.total());
            }
        }
    }

    private record Bench(Members members, StringBuilder report) {

        void measure(String what, Caller caller, MemberSearch search) {
            for (int i = 0; i < WARM_UP; i++) {
                members.search(caller, search);
            }
            long[] nanos = new long[RUNS];
            long total = 0;
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                MemberPage page = members.search(caller, search);
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
            for (String line : members.explain(caller, search)) {
                report.append("      ").append(line).append(System.lineSeparator());
            }
        }
    }

    /** Stores the members in transactions of 10,000 through the members feature's bulk writer. */
    @SuppressWarnings("unchecked")
    private static void insert(ApplicationContext context, List<Organization> grids, int count) {
        MemberBulkWriter writer = context.getBean(MemberBulkWriter.class);
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        Random random = new Random(42);
        List<MemberInput> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Organization grid = grids.get(i % grids.size());
            String name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + ""
                    + GIVEN.charAt(random.nextInt(GIVEN.length()))
                    + (random.nextBoolean() ? GIVEN.charAt(random.nextInt(GIVEN.length())) : "");
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(i / 500);
            String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", i % 500 * 2 + (i % 2));
            String idNumber = first17 + IdNumbers.checkCharacter(first17);
            int statusDraw = random.nextInt(100);
            batch.add(MemberInput.builder()
                    .organizationId(grid.id())
                    .name(name)
                    .idNumber(idNumber)
                    .phone("13" + String.format("%09d", random.nextInt(1_000_000_000)))
                    .status(statusDraw < 90 ? "ACTIVE" : statusDraw < 97 ? "MOVED_OUT" : "DECEASED")
                    .volunteer(random.nextInt(4) == 0)
                    .build());
            if (batch.size() == 10_000 || i == count - 1) {
                List<MemberInput> chunk = List.copyOf(batch);
                transactions.executeWrite(status -> writer.write(Caller.system(), chunk));
                batch.clear();
            }
        }
    }
}
