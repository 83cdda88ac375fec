package org.gongjian.database;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table of the core schema belongs to one feature package, and only that package's SQL names
 * it: another feature asks the owner through its Java API (a member's scope from {@code
 * members.MemberScopes}, a member's history from {@code audit.AuditLog}, ...), or, where a low
 * layer needs a higher feature's data, declares an interface the owner implements (as {@code
 * organizations.PathCopy} and {@code organizations.MemberCounts}). SQL is what stands in the
 * string literals of the main sources after a {@code FROM}, {@code JOIN}, {@code INTO}, {@code
 * UPDATE} or {@code TABLE} (upper case, as all our SQL is written; "moved from organization" in a
 * message is no SQL).
 */
class TableOwnershipTest {

    /** Table → the package (below {@code org.gongjian}) that owns it. docs/ARCHITECTURE.md shows the same map. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            entry("organization", "organizations"),
            entry("member", "members"),
            entry("member_tag", "members"),
            entry("household", "members"),
            entry("member_transfer", "members"),
            entry("member_code", "membercodes"),
            entry("app_user", "security"),
            entry("role_grant", "security"),
            entry("api_token", "security"),
            entry("sign_in_lock", "security"),
            entry("audit_log", "audit"),
            entry("audit_head", "audit"),
            entry("domain_event", "events"),
            entry("ledger_asset", "ledger"),
            entry("ledger_account", "ledger"),
            entry("ledger_request", "ledger"),
            entry("ledger_transfer", "ledger"),
            entry("ledger_entry", "ledger"),
            entry("ledger_earning", "ledger"),
            entry("ledger_reconciliation", "ledger"),
            entry("points_rule", "points"),
            entry("points_adjustment", "points"),
            entry("points_settings", "points"),
            entry("points_expiry_done", "points"),
            entry("time_bank_policy", "timebank"),
            // plugins: services
            entry("plugin_setting", "pluginsettings"),
            entry("plugin_job_run", "plugins"),
            entry("plugin_unit", "plugins"),
            entry("ledger_plugin_account", "ledger"),
            entry("ledger_plugin_transfer", "ledger"),
            // plugins: enablement
            entry("plugin_enablement_default", "plugins"),
            entry("plugin_enablement", "plugins"),
            // plugins: installed at runtime
            entry("plugin_package", "plugins"),
            entry("plugin_package_chunk", "plugins"),
            entry("plugin_installation", "plugins"));

    /**
     * The reads across features that remain ({@code package.Class → table}, with the reason), each
     * a single query that joins another feature's table where a call to the owner's API would cost
     * a round trip per request or per row. Not to be added to without a reason; an entry whose read
     * is gone fails the test, so the list only shrinks.
     */
    static final Map<String, String> TOLERATED = Map.ofEntries(
            entry("security.CallerGrants → organization", "every request: grants with their path, one query"),
            entry("security.UserStore → organization", "the user list filters and orders grants by path in SQL"),
            entry("security.UserStore → member", "the user list filters by the linked member's name and path"),
            entry("security.UserScope → organization", "the users of a scope: a role inside its subtrees, in SQL"),
            entry("security.UserScope → member", "the users of a scope: a member inside its subtrees, in SQL"),
            entry("points.Rankings → ledger_account", "leaderboards: one grouped query over the earnings"),
            entry("points.Rankings → ledger_earning", "leaderboards: one grouped query over the earnings"),
            entry("points.Rankings → member", "leaderboards: names and the subtree filter in the same query"),
            entry("points.Stars → ledger_account", "the service minutes of a member: one sum over the entries"),
            entry("points.Stars → ledger_entry", "the service minutes of a member: one sum over the entries"),
            entry("points.RulesEngine → ledger_transfer", "a rule's caps: sums inside the posting transaction"),
            entry("points.PointsExpiry → ledger_asset", "the expiry job walks the expiring kinds"),
            entry("points.PointsExpiry → ledger_account", "the expiry job walks the member accounts in chunks"),
            entry("points.PointsExpiry → ledger_entry", "the expiry job sums a chunk's entries"),
            entry("timebank.TimeBankStore → ledger_account", "the flow report: one grouped query per part"),
            entry("timebank.TimeBankStore → ledger_transfer", "the flow report: one grouped query per part"),
            entry("timebank.TimeBankStore → organization", "the flow report: one grouped query per part"),
            entry("timebank.TimeBankStore → member", "the flow report: the member's organization at the time"),
            entry("timebank.TimeBankStore → member_transfer", "the flow report: the member's organization at the time"),
            entry("demo.DemoLedger → app_user", "demo seeding only: the accounts it has just created"),
            entry("demo.DemoLedger → member", "demo seeding only: the residents it has just created"));

    private static final Path MIGRATIONS = Path.of("../db/src/main/resources/db/migration/core");
    private static final Path SOURCES = Path.of("src/main/java/org/gongjian");
    private static final Pattern CREATE_TABLE =
            Pattern.compile("\\bCREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`?(\\w+)`?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_AFTER_KEYWORD =
            Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+`?([a-z_][a-z0-9_]*)`?");

    @Test
    void every_table_of_the_core_migrations_has_an_owner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                CREATE_TABLE.matcher(Files.readString(file)).results().forEach(m -> tables.add(m.group(1)));
            }
        }
        assertThat(tables).as("tables created by the core migrations").hasSizeGreaterThan(20);
        Set<String> withoutOwner = new TreeSet<>(tables);
        withoutOwner.removeAll(OWNERS.keySet());
        Set<String> notInSchema = new TreeSet<>(OWNERS.keySet());
        notInSchema.removeAll(tables);
        assertThat(withoutOwner)
                .as("tables of the migrations without an owner in OWNERS")
                .isEmpty();
        assertThat(notInSchema)
                .as("OWNERS names tables that no migration creates")
                .isEmpty();
    }

    @Test
    void a_package_names_only_its_own_tables_in_sql() throws IOException {
        Set<String> found = new TreeSet<>();
        Set<String> toleratedSeen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
                String type = file.getFileName().toString().replace(".java", "");
                for (String table : tablesNamedIn(Files.readString(file))) {
                    String owner = OWNERS.get(table);
                    if (owner == null || owner.equals(pkg)) {
                        continue;
                    }
                    String read = pkg + "." + type + " → " + table;
                    if (TOLERATED.containsKey(read)) {
                        toleratedSeen.add(read);
                    } else {
                        found.add(read + " (owned by " + owner + ")");
                    }
                }
            }
        }
        assertThat(found)
                .as("SQL naming another feature's table: ask the owner's API instead")
                .isEmpty();
        assertThat(toleratedSeen)
                .as("tolerated reads that are gone: remove them from TOLERATED")
                .isEqualTo(TOLERATED.keySet());
    }

    @Test
    void the_scan_finds_tables_in_joins_and_text_blocks() {
        String source = "class X { String a = \"SELECT x FROM ledger_account a\" + \" JOIN member m ON m.id = a.o\";"
                + " String b = \"\"\"\n UPDATE `household` SET a = 1\n\"\"\"; String c = \"the member FROM us\"; String e = \"moved from organization 1\"; }"
                + " // FROM household\n char q = '\"'; String d = \"a\\\"b INTO api_token\";";
        assertThat(tablesNamedIn(source))
                .containsExactlyInAnyOrder("ledger_account", "member", "household", "api_token");
    }

    static Set<String> tablesNamedIn(String source) {
        Set<String> tables = new TreeSet<>();
        for (String text : literals(source)) {
            Matcher m = TABLE_AFTER_KEYWORD.matcher(text);
            while (m.find()) {
                if (OWNERS.containsKey(m.group(1))) {
                    tables.add(m.group(1));
                }
            }
        }
        return tables;
    }

    /** The contents of the string literals and text blocks of a Java source, comments and chars skipped. */
    static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = endOf(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, Math.max(i + 3, end - 3)));
                i = end;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                StringBuilder text = new StringBuilder();
                i++;
                while (i < n && source.charAt(i) != quote) {
                    text.append(source.charAt(i));
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                if (quote == '"') {
                    literals.add(text.toString());
                }
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String source, String marker, int from) {
        int at = source.indexOf(marker, from);
        return at < 0 ? source.length() : at + marker.length();
    }
}
