package org.gongjian.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.events.DomainEvent;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.Reconciliation;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.organizations.Organization;
import org.gongjian.points.Adjustments;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.time.ApplicationTime;
import org.gongjian.time.TravellingClock;

/**
 * A year of plausible ledger history for the demo: point kinds and rules of the street, weekly
 * volunteer service deposited in the time bank with volunteer points, a monthly themed party day
 * (主题党日) earning party points, elderly residents spending coins on meal and cleaning services,
 * donations to the community pools, a few credit deductions, and two large awards waiting in the
 * approvals inbox. Dates are spread over the past year when the server runs with the demo's
 * {@link TravellingClock}; everything goes through the ledger, so it reconciles.
 */
@Singleton
@Requires(property = "gongjian.demo", value = "true")
class DemoLedger {

    static final int WEEKS = 52;
    private static final List<String> SERVICES =
            List.of("敬老院陪护", "社区环境整治", "文明交通劝导", "独居老人探访", "垃圾分类督导", "核酸采样协助", "图书角整理", "助餐送餐");
    private static final List<String> SPENDING = List.of("助餐服务", "上门保洁", "陪同就医", "理发服务");

    private final Ledger ledger;
    private final PointKinds kinds;
    private final PointsRules rules;
    private final Adjustments adjustments;
    private final Reconciliation reconciliation;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    DemoLedger(
            Ledger ledger,
            PointKinds kinds,
            PointsRules rules,
            Adjustments adjustments,
            Reconciliation reconciliation,
            TransactionOperations<Connection> transactions,
            Clock clock) {
        this.ledger = ledger;
        this.kinds = kinds;
        this.rules = rules;
        this.adjustments = adjustments;
        this.reconciliation = reconciliation;
        this.transactions = transactions;
        this.clock = clock;
    }

    private record Resident(long id, boolean volunteer, boolean partyMember, LocalDate birthDate) {}

    private record Community(
            Organization org, List<Resident> residents, Map<String, Account> system, Map<Long, Long> timeBalances) {}

    void seed(Organization street, List<Organization> communities, String secretaryUsername, Random random) {
        Caller system = Caller.system();
        Asset party = kinds.create(system, street.id(), "PARTY", "党员积分", 10, false, "YEARLY", "12-31", null);
        Asset volunteer = kinds.create(system, street.id(), "VOLUNTEER", "志愿积分", 10, false, "NEVER", null, null);
        Asset credit = kinds.create(system, street.id(), "CREDIT", "信用积分", 1, true, "NEVER", null, null);
        rules.create(
                system,
                new RuleInput(
                        volunteer.id(),
                        street.id(),
                        "志愿服务每小时 1 分",
                        DomainEvent.HOURS_APPROVED,
                        null,
                        null,
                        30L,
                        "PER_UNIT",
                        10,
                        60L,
                        null,
                        null,
                        400L,
                        null,
                        "VOLUNTEER",
                        null,
                        null));
        rules.create(
                system,
                new RuleInput(
                        party.id(),
                        street.id(),
                        "参加主题党日 2 分",
                        DomainEvent.ATTENDANCE_RECORDED,
                        "sessionType",
                        "THEMED_PARTY_DAY",
                        null,
                        "FIXED",
                        20,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "STUDY",
                        null,
                        null));
        rules.create(
                system,
                new RuleInput(
                        party.id(),
                        street.id(),
                        "每日学习签到 0.5 分（每日最多 2 分）",
                        DomainEvent.STUDY_ACTION,
                        null,
                        null,
                        null,
                        "FIXED",
                        5,
                        null,
                        20L,
                        null,
                        null,
                        null,
                        "STUDY",
                        null,
                        null));

        List<Community> seeded = new ArrayList<>();
        for (Organization org : communities) {
            Map<String, Account> system1 = new HashMap<>();
            system1.put("TIME", ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, org.id(), org.path()));
            system1.put("REDEEM", ledger.open(Asset.TIME_ID, OwnerType.REDEMPTION, org.id(), org.path()));
            system1.put("POOL", ledger.open(Asset.TIME_ID, OwnerType.POOL, org.id(), org.path()));
            system1.put("VOLUNTEER", ledger.open(volunteer.id(), OwnerType.ISSUANCE, org.id(), org.path()));
            system1.put("PARTY", ledger.open(party.id(), OwnerType.ISSUANCE, org.id(), org.path()));
            system1.put("CREDIT", ledger.open(credit.id(), OwnerType.ISSUANCE, org.id(), org.path()));
            seeded.add(new Community(org, residents(org), system1, new HashMap<>()));
        }
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        try {
            for (int week = 0; week < WEEKS; week++) {
                LocalDate day = today.minusWeeks(WEEKS - week).plusDays(random.nextInt(5));
                if (clock instanceof TravellingClock travelling) {
                    travelling.travelTo(day.atTime(LocalTime.of(9 + random.nextInt(8), random.nextInt(60)))
                            .atZone(ApplicationTime.ZONE)
                            .toInstant());
                }
                for (Community c : seeded) {
                    week(c, week, day, random, volunteer, party, credit);
                }
            }
        } finally {
            if (clock instanceof TravellingClock travelling) {
                travelling.present();
            }
        }
        Community first = seeded.getFirst();
        Caller secretary = new Caller(
                userId(secretaryUsername),
                secretaryUsername,
                null,
                List.of(new Grant(Role.ORG_ADMIN, first.org().id(), first.org().path())));
        for (int i = 0; i < 2 && i < first.residents().size(); i++) {
            Resident r = first.residents().get(i * 7);
            adjustments.adjust(
                    secretary,
                    "demo:pending:" + i,
                    new Adjustments.Request(
                            r.id(),
                            volunteer.id(),
                            first.org().id(),
                            800 + i * 200L,
                            "MANUAL_AWARD",
                            "HONOR",
                            "年度优秀志愿者表彰"));
        }
        reconciliation.run("demo");
    }

    private void week(Community c, int week, LocalDate day, Random random, Asset volunteer, Asset party, Asset credit) {
        String key = "demo:" + c.org().id() + ":" + week + ":";
        List<TransferSpec> time = new ArrayList<>();
        List<TransferSpec> points = new ArrayList<>();
        for (Resident r : c.residents()) {
            if (r.volunteer() && random.nextInt(100) < 18) {
                long minutes = 30L * (2 + random.nextInt(5));
                String service = SERVICES.get(random.nextInt(SERVICES.size()));
                time.add(new TransferSpec(
                        c.system().get("TIME").id(),
                        account(Asset.TIME_ID, r),
                        minutes,
                        "SERVICE_DEPOSIT",
                        "VOLUNTEER",
                        service,
                        null,
                        null,
                        null));
                c.timeBalances().merge(r.id(), minutes, Long::sum);
                points.add(new TransferSpec(
                        c.system().get("VOLUNTEER").id(),
                        account(volunteer.id(), r),
                        minutes / 60 * 10 + (minutes % 60 == 0 ? 0 : 5),
                        "RULE_AWARD",
                        "VOLUNTEER",
                        "志愿服务：" + service,
                        null,
                        null,
                        null));
            }
        }
        post(c, key + "service", time);
        post(c, key + "volunteer-points", points);

        if (week % 4 == 2) {
            List<TransferSpec> partyDay = new ArrayList<>();
            for (Resident r : c.residents()) {
                if (r.partyMember() && random.nextInt(100) < 88) {
                    partyDay.add(new TransferSpec(
                            c.system().get("PARTY").id(),
                            account(party.id(), r),
                            20,
                            "RULE_AWARD",
                            "STUDY",
                            "参加主题党日（" + day.getMonthValue() + "月）",
                            null,
                            null,
                            null));
                }
            }
            post(c, key + "party-day", partyDay);
        }

        List<TransferSpec> moves = new ArrayList<>();
        for (Resident r : c.residents()) {
            long balance = c.timeBalances().getOrDefault(r.id(), 0L);
            boolean elderly =
                    r.birthDate() != null && r.birthDate().plusYears(60).isBefore(day);
            if (elderly && balance >= 60 && random.nextInt(100) < 20) {
                moves.add(new TransferSpec(
                        account(Asset.TIME_ID, r),
                        c.system().get("REDEEM").id(),
                        60,
                        "SPEND",
                        "SERVICE",
                        SPENDING.get(random.nextInt(SPENDING.size())),
                        null,
                        null,
                        null));
                c.timeBalances().put(r.id(), balance - 60);
            } else if (!elderly && balance >= 120 && random.nextInt(100) < 3) {
                moves.add(new TransferSpec(
                        account(Asset.TIME_ID, r),
                        c.system().get("POOL").id(),
                        60,
                        "DONATION",
                        "DONATION",
                        "捐赠给社区时间池",
                        null,
                        null,
                        null));
                c.timeBalances().put(r.id(), balance - 60);
            }
        }
        post(c, key + "spending", moves);

        List<TransferSpec> conduct = new ArrayList<>();
        for (Resident r : c.residents()) {
            int roll = random.nextInt(1000);
            if (roll < 4) {
                conduct.add(new TransferSpec(
                        account(credit.id(), r),
                        c.system().get("CREDIT").id(),
                        5,
                        "LITTERING",
                        "CONDUCT",
                        "高空抛物/乱扔垃圾",
                        null,
                        null,
                        null));
            } else if (roll < 14) {
                conduct.add(new TransferSpec(
                        c.system().get("CREDIT").id(),
                        account(credit.id(), r),
                        3,
                        "GOOD_DEED",
                        "CONDUCT",
                        "拾金不昧/邻里互助",
                        null,
                        null,
                        null));
            }
        }
        post(c, key + "conduct", conduct);
    }

    private void post(Community c, String key, List<TransferSpec> transfers) {
        if (transfers.isEmpty()) {
            return;
        }
        var result = ledger.post(new Posting(0, key, c.org().id(), null, transfers));
        if (!result.ok()) {
            throw new IllegalStateException("Demo posting " + key + " refused: " + result.result());
        }
    }

    private final Map<String, Long> accounts = new HashMap<>();

    private long account(long assetId, Resident r) {
        return accounts.computeIfAbsent(assetId + ":" + r.id(), k -> ledger.open(assetId, OwnerType.MEMBER, r.id(), "")
                .id());
    }

    private long userId(String username) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private List<Resident> residents(Organization org) {
        return transactions.executeRead(status -> {
            List<Resident> list = new ArrayList<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT id, volunteer, party_status, birth_date FROM member"
                            + " WHERE org_path LIKE ? AND status = 'ACTIVE' ORDER BY id")) {
                s.setString(1, org.path() + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Resident(
                                rs.getLong(1),
                                rs.getBoolean(2),
                                rs.getString(3) != null,
                                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()));
                    }
                }
            }
            return list;
        });
    }
}
