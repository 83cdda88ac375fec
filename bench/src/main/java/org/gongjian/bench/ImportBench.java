package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.roster.RosterCheck;
import org.gongjian.roster.RosterImports;
import org.gongjian.roster.RosterRow;

/**
 * Importing a roster of N rows (default 100,000) into a fresh embedded database: {@link
 * RosterImports#check} (read and validate, including the members feature's rules and the lookup of
 * ID numbers already recorded) and {@link RosterImports#commit} (store in one transaction: pinyin,
 * encryption, lookup hashes, tags, JDBC batches), then importing the same file again (every row an
 * update). Baseline in the same run: a raw JDBC batch INSERT of the same rows into a scratch copy of
 * the member table ({@code CREATE TABLE member_baseline LIKE member}, same indexes) with no
 * validation, pinyin or encryption.
 *
 * <p>Usage: {@code bench/run ImportBench [rows]}. The application context is throwaway: its home
 * lies under {@code bench/target/bench-homes/} and is deleted at the end.
 */
public final class ImportBench {

    private ImportBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (ApplicationContext context = BenchContext.start("import")) {
            Organizations organizations = context.getBean(Organizations.class);
            Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "基准街道");
            Organization[] communities = new Organization[5];
            for (int c = 0; c < 5; c++) {
                communities[c] = organizations.createChild(street, OrganizationKind.COMMUNITY, "社区" + c);
            }
            for (int g = 0; g < 20; g++) {
                organizations.createChild(communities[g % 5], OrganizationKind.GRID, "网格" + g);
            }
            Caller secretary =
                    new Caller(1, "bench", null, List.of(new Grant(Role.ORG_ADMIN, street.id(), street.path())));
            byte[] file = RosterBench.roster(rows);
            System.out.printf("roster: %,d rows, %,d bytes%n", rows, file.length);
            RosterImports imports = context.getBean(RosterImports.class);

            Cpu cpu = new Cpu();
            long t0 = System.nanoTime();
            RosterCheck check = imports.check(secretary, new ByteArrayInputStream(file), n -> {});
            long t1 = System.nanoTime();
            String checkCpu = cpu.since();
            if (check.hasProblems() || check.validRows().size() != rows) {
                throw new IllegalStateException("unexpected problems: "
                        + check.problems().stream().limit(5).toList());
            }
            RosterImports.Imported first = imports.commit(secretary, check, false);
            long t2 = System.nanoTime();
            String commitCpu = cpu.since();
            System.out.printf(
                    "first import: check (read + validate) %,d ms; commit (store, created %,d) %,d ms; total %,d ms%n",
                    ms(t1 - t0), first.created(), ms(t2 - t1), ms(t2 - t0));
            System.out.printf("  cpu: check %s; commit %s%n", checkCpu, commitCpu);

            long t3 = System.nanoTime();
            RosterCheck again = imports.check(secretary, new ByteArrayInputStream(file), n -> {});
            long t4 = System.nanoTime();
            String againCheckCpu = cpu.since();
            RosterImports.Imported second = imports.commit(secretary, again, false);
            long t5 = System.nanoTime();
            String againCommitCpu = cpu.since();
            System.out.printf(
                    "re-import:    check %,d ms; commit (updated %,d, created %,d) %,d ms; total %,d ms%n",
                    ms(t4 - t3), second.updated(), second.created(), ms(t5 - t4), ms(t5 - t3));
            System.out.printf("  cpu: check %s; commit %s%n", againCheckCpu, againCommitCpu);

            long baseline = baseline(context, check.validRows());
            System.out.printf("  cpu: baseline %s%n", cpu.since());
            System.out.printf(
                    "baseline: raw JDBC batch INSERT of %,d rows into member_baseline, no validation/encryption: %,d ms"
                            + "%nfirst import / baseline: %.1fx%n",
                    rows, baseline, (double) ms(t2 - t0) / baseline);
        }
    }

    private static long baseline(ApplicationContext context, List<RosterRow> rows) throws Exception {
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        IdGenerator ids = context.getBean(IdGenerator.class);
        Organizations organizations = context.getBean(Organizations.class);
        Map<Long, String> paths = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS member_baseline");
                s.execute("CREATE TABLE member_baseline LIKE member");
            }
            for (RosterRow row : rows) {
                paths.computeIfAbsent(
                        row.organizationId(),
                        id -> organizations.find(id).orElseThrow().path());
            }
            long start = System.nanoTime();
            c.setAutoCommit(false);
            String sql = "INSERT INTO member_baseline (id, organization_id, org_path, name, name_pinyin, name_initials,"
                    + " gender, birth_date, id_number_enc, id_number_hash, id_last4, phone_enc, phone_last4, grid_id,"
                    + " status, party_status, volunteer, tags, created_at, version)"
                    + " VALUES (?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int pending = 0;
                for (RosterRow row : rows) {
                    byte[] id = row.idNumber().getBytes(StandardCharsets.US_ASCII);
                    s.setLong(1, ids.next());
                    s.setLong(2, row.organizationId());
                    s.setString(3, paths.get(row.organizationId()));
                    s.setString(4, row.name());
                    s.setString(5, row.gender());
                    s.setObject(6, row.birthDate());
                    s.setBytes(7, id);
                    s.setBytes(8, id);
                    s.setString(9, row.idNumber().substring(14));
                    s.setBytes(10, row.phone() == null ? null : row.phone().getBytes(StandardCharsets.US_ASCII));
                    s.setString(11, row.phone() == null ? null : row.phone().substring(7));
                    s.setObject(12, row.gridId());
                    s.setString(13, row.status());
                    s.setString(14, row.partyStatus());
                    s.setBoolean(15, row.volunteer());
                    s.setString(16, row.tags().isEmpty() ? null : String.join(",", row.tags()));
                    s.setTimestamp(17, now);
                    s.addBatch();
                    if (++pending == 1000) {
                        s.executeBatch();
                        pending = 0;
                    }
                }
                s.executeBatch();
            }
            c.commit();
            return ms(System.nanoTime() - start);
        }
    }

    /**
     * CPU time used by this JVM and by the embedded MariaDB server between two calls: on a machine
     * shared with other builds, wall times swing by ±50 %, CPU times much less.
     */
    private static final class Cpu {

        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final Path db = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("mariadbd"))
                .findFirst()
                .map(p -> Path.of("/proc/" + p.pid() + "/stat"))
                .orElse(null);
        private long jvm = os.getProcessCpuTime();
        private long server = serverNanos();

        /** "jvm X ms + db Y ms" since the last call. */
        String since() {
            long jvmNow = os.getProcessCpuTime();
            long serverNow = serverNanos();
            String text = String.format("jvm %,d ms + db %,d ms", ms(jvmNow - jvm), ms(serverNow - server));
            jvm = jvmNow;
            server = serverNow;
            return text;
        }

        /** utime + stime of the server in /proc (clock ticks of 10 ms), 0 when not known. */
        private long serverNanos() {
            if (db == null) {
                return 0;
            }
            try {
                String[] fields = Files.readString(db)
                        .substring(Files.readString(db).lastIndexOf(')') + 2)
                        .split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
