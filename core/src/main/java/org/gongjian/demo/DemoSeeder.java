package org.gongjian.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.home.GongjianHome;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.NewUser;
import org.gongjian.security.UserAdmin;
import org.gongjian.time.ApplicationTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code gongjian.demo=true} ({@code ./gongjian run --demo}), seeds a realistic demo into an
 * empty database on start-up: a street party committee, 5 communities with 4 grids each, 12
 * branches, about 2,000 residents in households, accounts for secretaries, staff and
 * volunteers, and a year of points and time-bank history ({@link DemoLedger}), written to {@code $GONGJIAN_HOME/}{@value #ACCOUNTS_FILE}. Everything goes through
 * the services as the platform ({@link Caller#system()}), so every rule and the audit apply. The
 * residents come from a fixed seed: the demo is the same every time. A database that already has
 * an organization is left alone.
 */
@Singleton
@Requires(property = "gongjian.demo", value = "true")
@Order(100) // after InitialAdmin
public class DemoSeeder implements ApplicationEventListener<StartupEvent> {

    /** The accounts file in the home directory: one line per account, {@code username password role org}. */
    public static final String ACCOUNTS_FILE = "demo-accounts.txt";

    public static final String STREET = "东湖街道党工委";
    public static final long SEED = 20_240_701L;
    static final int MEMBERS_PER_COMMUNITY = 400;
    static final int GRIDS_PER_COMMUNITY = 4;

    /** Readable passwords: no 0/O, 1/l/I. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private static final int PASSWORD_LENGTH = 10;
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    /** The communities: name, username prefix, roads, number of branches (12 in all). */
    private record Plan(String name, String login, List<String> roads, int branches) {}

    private static final List<Plan> PLANS = List.of(
            new Plan("东湖社区", "donghu", List.of("东湖路", "沿湖路", "水果湖路"), 3),
            new Plan("桃园社区", "taoyuan", List.of("桃园路", "梨园路"), 3),
            new Plan("新华社区", "xinhua", List.of("新华路", "建设大道", "江汉北路"), 2),
            new Plan("金桥社区", "jinqiao", List.of("金桥大道", "银杏路"), 2),
            new Plan("碧波社区", "bibo", List.of("碧波路", "翠柳街", "荷花路"), 2));

    /** One demo account, as written to the accounts file. */
    public record Account(String username, String password, Role role, String organization) {
        String line() {
            return username + " " + password + " " + role + " " + organization;
        }
    }

    private final Organizations organizations;
    private final DemoCommunity communities;
    private final UserAdmin userAdmin;
    private final GongjianHome home;
    private final Clock clock;
    private final DemoLedger ledger;
    private final SecureRandom passwords = new SecureRandom();
    private volatile Duration lastSeeding;

    DemoSeeder(
            Organizations organizations,
            DemoCommunity communities,
            UserAdmin userAdmin,
            GongjianHome home,
            Clock clock,
            DemoLedger ledger) {
        this.ledger = ledger;
        this.organizations = organizations;
        this.communities = communities;
        this.userAdmin = userAdmin;
        this.home = home;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        seedIfEmpty();
    }

    /** Seeds when no organization exists yet; returns whether it did. */
    public synchronized boolean seedIfEmpty() {
        if (organizations.countActive() > 0) {
            LOG.info("Demo: the database already has organizations; nothing seeded");
            return false;
        }
        long started = System.nanoTime();
        List<Account> accounts = seed();
        StringBuilder file = new StringBuilder();
        for (Account a : accounts) {
            file.append(a.line()).append('\n');
        }
        Path written = home.writePrivateFile(ACCOUNTS_FILE, file.toString());
        lastSeeding = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Demo seeded in {} ms; {} accounts in {}", lastSeeding.toMillis(), accounts.size(), written);
        return true;
    }

    /** How long the last seeding took, or null when this instance seeded nothing. */
    public Duration lastSeeding() {
        return lastSeeding;
    }

    /** The accounts file of the home directory (it may not exist). */
    public Path accountsFile() {
        return home.root().resolve(ACCOUNTS_FILE);
    }

    /** The accounts file's lines, or none when it does not exist. */
    public static List<String> accountLines(Path home) {
        Path file = home.resolve(ACCOUNTS_FILE);
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Account> seed() {
        Caller system = Caller.system();
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        DemoPeople people = new DemoPeople(SEED, today);
        Random random = new Random(SEED);
        Organization street = organizations.create(system, null, OrganizationKind.PARTY_COMMITTEE, STREET);
        List<DemoCommunity.Seeded> seeded = new ArrayList<>();
        for (Plan plan : PLANS) {
            seeded.add(communities.seed(
                    street,
                    plan.name(),
                    plan.roads(),
                    GRIDS_PER_COMMUNITY,
                    plan.branches(),
                    MEMBERS_PER_COMMUNITY,
                    people,
                    random));
        }
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < PLANS.size(); i++) {
            Plan plan = PLANS.get(i);
            Organization community = seeded.get(i).community();
            accounts.add(account(plan.login() + "-secretary", Role.ORG_ADMIN, community, null));
            if (i == 0) {
                accounts.add(account(plan.login() + "-staff", Role.ORG_STAFF, community, null));
            }
        }
        for (int i = 0; i < 4; i++) {
            DemoCommunity.Seeded s = seeded.get(i);
            Long member = s.volunteers().isEmpty() ? null : s.volunteers().getFirst();
            if (member != null) {
                accounts.add(account(PLANS.get(i).login() + "-volunteer", Role.VOLUNTEER, s.community(), member));
            }
        }
        ledger.seed(
                street,
                seeded.stream().map(DemoCommunity.Seeded::community).toList(),
                PLANS.getFirst().login() + "-secretary",
                random);
        return accounts;
    }

    private Account account(String username, Role role, Organization org, Long memberId) {
        String password = password();
        NewUser user = userAdmin.createUser(Caller.system(), username, password, memberId, false);
        userAdmin.grant(Caller.system(), user.user().id(), role, org.id());
        return new Account(username, password, role, org.name());
    }

    private String password() {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(passwords.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
