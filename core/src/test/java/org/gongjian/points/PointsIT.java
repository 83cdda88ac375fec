package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEvents;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.time.ApplicationTime;
import org.gongjian.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Points on the embedded MariaDB: point kinds, rules reacting to published events (formulas,
 * conditions, caps under concurrency, deductions), manual adjustments with a second administrator,
 * rankings, stars and expiry applied once per period.
 */
@MicronautTest(transactional = false)
class PointsIT extends LedgerReconciles {

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    DomainEvents events;

    @Inject
    Adjustments adjustments;

    @Inject
    PointsSettings settings;

    @Inject
    Rankings rankings;

    @Inject
    Stars stars;

    @Inject
    PointsExpiry expiry;

    @Inject
    Ledger ledger;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    MutableClock clock;

    private Organization org;
    private Caller admin;
    private Caller secondAdmin;
    private Caller staff;
    private long member;

    @BeforeEach
    void community() {
        org = organizations.createRoot(OrganizationKind.COMMUNITY, "积分社区" + UUID.randomUUID());
        admin = new Caller(501, "admin1", null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
        secondAdmin = new Caller(502, "admin2", null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
        staff = new Caller(503, "staff", null, List.of(new Grant(Role.ORG_STAFF, org.id(), org.path())));
        member = newMember("张积分");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long newMember(String name) {
        return members.create(Caller.system(), MemberInput.named(org.id(), name))
                .id();
    }

    private Asset kind(boolean negative) {
        return kinds.create(
                admin,
                org.id(),
                "K" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000),
                "志愿积分",
                10,
                negative,
                "NEVER",
                null,
                null);
    }

    private long balance(Asset kind, long memberId) {
        return ledger.find(kind.id(), OwnerType.MEMBER, memberId)
                .map(Account::balance)
                .orElse(0L);
    }

    private RuleInput rule(Asset kind, String event, long points, String formula, Long perUnits, Long capDay) {
        return new RuleInput(
                kind.id(),
                org.id(),
                "规则",
                event,
                null,
                null,
                null,
                formula,
                points,
                perUnits,
                capDay,
                null,
                null,
                null,
                "VOLUNTEER",
                null,
                null);
    }

    private void awaitHandled(DomainEvent event) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (events.handledAt(event.id()).isEmpty()) {
            assertThat(Instant.now()).as("event handled in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void a_point_kind_is_validated_and_its_code_is_unique_in_the_organization() {
        Asset kind = kinds.create(admin, org.id(), "party", "党员积分", 10, false, "YEARLY", "12-31", null);
        assertThat(kind.code()).isEqualTo("PARTY");
        assertThat(kind.unitScale()).isEqualTo(10);
        assertThat(kinds.usableAt(staff, org.id())).extracting(Asset::code).contains("PARTY");

        assertThatThrownBy(() -> kinds.create(admin, org.id(), "PARTY", "再来", 10, false, "NEVER", null, null))
                .extracting("code")
                .isEqualTo(PointsErrors.CODE_TAKEN);
        assertThatThrownBy(() -> kinds.create(admin, org.id(), "X'; --", "坏", 10, false, "NEVER", null, null))
                .extracting("code")
                .isEqualTo(PointsErrors.CODE_INVALID);
        assertThatThrownBy(() -> kinds.create(admin, org.id(), "GOOD", "坏", 3, false, "NEVER", null, null))
                .extracting("code")
                .isEqualTo(PointsErrors.UNIT_SCALE_INVALID);
        assertThatThrownBy(() -> kinds.create(admin, org.id(), "GOOD", "坏", 10, false, "YEARLY", "02-30", null))
                .extracting("code")
                .isEqualTo(PointsErrors.EXPIRY_INVALID);
        assertThatThrownBy(() -> kinds.create(admin, org.id(), "GOOD", "坏", 10, false, "ROLLING", null, 0))
                .extracting("code")
                .isEqualTo(PointsErrors.EXPIRY_INVALID);
        assertThatThrownBy(() -> kinds.create(staff, org.id(), "GOOD", "好", 10, false, "NEVER", null, null))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void a_published_event_earns_points_per_unit_once_even_when_delivered_again() throws Exception {
        Asset kind = kind(false);
        rules.create(admin, rule(kind, DomainEvent.HOURS_APPROVED, 10, "PER_UNIT", 60L, null));

        DomainEvent event = events.publish(DomainEvent.HOURS_APPROVED, member, org.id(), 150, Map.of());
        awaitHandled(event);

        assertThat(balance(kind, member))
                .as("10 points (tenths) per full hour of 150 minutes")
                .isEqualTo(20);
        clock.advance(Duration.ofMinutes(5));
        assertThat(events.sweep()).isZero();
        List<org.gongjian.ledger.StatementLine> lines = ledger.statement(
                ledger.find(kind.id(), OwnerType.MEMBER, member).orElseThrow().id(), null, 10);
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().transfer().reasonCode()).isEqualTo(RulesEngine.AWARD);
        assertThat(lines.getFirst().transfer().sourceType()).isEqualTo("RULE");
    }

    @Test
    void conditions_minimum_quantity_and_validity_decide_whether_a_rule_applies() throws Exception {
        Asset kind = kind(false);
        rules.create(
                admin,
                new RuleInput(
                        kind.id(),
                        org.id(),
                        "党课",
                        DomainEvent.ATTENDANCE_RECORDED,
                        "sessionType",
                        "PARTY_LESSON",
                        null,
                        "FIXED",
                        5,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "STUDY",
                        null,
                        null));
        rules.create(
                admin,
                new RuleInput(
                        kind.id(),
                        org.id(),
                        "长时服务",
                        DomainEvent.HOURS_APPROVED,
                        null,
                        null,
                        120L,
                        "FIXED",
                        7,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "VOLUNTEER",
                        null,
                        null));
        rules.create(
                admin,
                new RuleInput(
                        kind.id(),
                        org.id(),
                        "过期规则",
                        DomainEvent.HOURS_APPROVED,
                        null,
                        null,
                        null,
                        "FIXED",
                        100,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "VOLUNTEER",
                        LocalDate.of(2020, 1, 1),
                        LocalDate.of(2020, 12, 31)));

        awaitHandled(events.publish(
                DomainEvent.ATTENDANCE_RECORDED, member, org.id(), 1, Map.of("sessionType", "GROUP_MEETING")));
        awaitHandled(events.publish(
                DomainEvent.ATTENDANCE_RECORDED, member, org.id(), 1, Map.of("sessionType", "PARTY_LESSON")));
        awaitHandled(events.publish(DomainEvent.HOURS_APPROVED, member, org.id(), 60, Map.of()));
        awaitHandled(events.publish(DomainEvent.HOURS_APPROVED, member, org.id(), 120, Map.of()));

        assertThat(balance(kind, member)).isEqualTo(5 + 7);
    }

    @Test
    void a_daily_cap_holds_when_many_events_of_one_member_arrive_at_once() throws Exception {
        Asset kind = kind(false);
        rules.create(admin, rule(kind, DomainEvent.STUDY_ACTION, 5, "FIXED", null, 20L));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<DomainEvent>> published = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            published.add(pool.submit(
                    () -> events.publish(DomainEvent.STUDY_ACTION, member, org.id(), 1, Map.of("action", "SIGN_IN"))));
        }
        for (Future<DomainEvent> f : published) {
            awaitHandled(f.get());
        }
        pool.shutdown();

        assertThat(balance(kind, member))
                .as("12 × 0.5 points capped at 2.0 a day")
                .isEqualTo(20);
    }

    @Test
    void a_deduction_rule_takes_at_most_what_the_member_has_unless_the_kind_allows_negative() throws Exception {
        Asset plain = kind(false);
        Asset credit = kind(true);
        rules.create(admin, rule(plain, "LITTERING", -100, "FIXED", null, null));
        rules.create(admin, rule(credit, "LITTERING", -100, "FIXED", null, null));
        adjustments.adjust(
                staff,
                "seed-" + UUID.randomUUID(),
                new Adjustments.Request(member, plain.id(), null, 30, null, null, "初始"));

        awaitHandled(events.publish("LITTERING", member, org.id(), 1, Map.of()));

        assertThat(balance(plain, member)).isZero();
        assertThat(balance(credit, member)).isEqualTo(-100);
    }

    @Test
    void a_large_adjustment_waits_for_a_second_administrator() {
        Asset kind = kind(false);
        settings.set(admin, org.id(), 20, List.of(100, 300, 600, 1000, 1500));

        Adjustment small = adjustments.adjust(
                staff,
                "a-" + UUID.randomUUID(),
                new Adjustments.Request(member, kind.id(), null, 200, null, null, "表彰"));
        String key = "b-" + UUID.randomUUID();
        Adjustment large = adjustments.adjust(
                admin, key, new Adjustments.Request(member, kind.id(), null, 201, null, null, "年度优秀党员"));
        Adjustment replay = adjustments.adjust(
                admin, key, new Adjustments.Request(member, kind.id(), null, 201, null, null, "年度优秀党员"));

        assertThat(small.status()).isEqualTo("POSTED");
        assertThat(large.status()).isEqualTo("PENDING");
        assertThat(replay.id()).isEqualTo(large.id());
        assertThatThrownBy(() -> adjustments.adjust(
                        admin, key, new Adjustments.Request(member, kind.id(), null, 999, null, null, "改了")))
                .isInstanceOf(Adjustments.DuplicateAdjustment.class);
        assertThat(balance(kind, member)).isEqualTo(200);
        assertThat(adjustments.inbox(secondAdmin)).extracting(Adjustment::id).contains(large.id());
        assertThat(adjustments.inbox(staff)).isEmpty();

        assertThatThrownBy(() -> adjustments.approve(admin, large.id(), null))
                .isInstanceOf(ForbiddenException.class)
                .extracting("code")
                .isEqualTo(PointsErrors.SAME_ADMINISTRATOR);
        assertThatThrownBy(() -> adjustments.approve(staff, large.id(), null)).isInstanceOf(ForbiddenException.class);
        Adjustment approved = adjustments.approve(secondAdmin, large.id(), "同意");
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(balance(kind, member)).isEqualTo(401);
        assertThatThrownBy(() -> adjustments.approve(secondAdmin, large.id(), null))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code")
                .isEqualTo(PointsErrors.NOT_PENDING);

        Adjustment other = adjustments.adjust(
                admin,
                "c-" + UUID.randomUUID(),
                new Adjustments.Request(member, kind.id(), null, -300, null, null, "违规"));
        assertThat(adjustments.reject(secondAdmin, other.id(), "证据不足").status()).isEqualTo("REJECTED");
        assertThat(balance(kind, member)).isEqualTo(401);
    }

    @Test
    void rankings_order_members_by_what_they_earned_in_the_period_and_show_my_rank() {
        Asset kind = kind(true);
        long wang = newMember("王排名");
        long li = newMember("李排名");
        award(kind, member, 50);
        award(kind, wang, 80);
        award(kind, li, 50);
        adjustments.adjust(
                staff, "d-" + UUID.randomUUID(), new Adjustments.Request(li, kind.id(), null, -10, null, null, "扣分"));
        long black = newMember("赵扣分");
        adjustments.adjust(
                staff,
                "e-" + UUID.randomUUID(),
                new Adjustments.Request(black, kind.id(), null, -30, null, null, "乱扔垃圾"));
        // spending does not lower the ranking
        Account redemption = ledger.open(kind.id(), OwnerType.REDEMPTION, org.id(), org.path());
        ledger.post(new Posting(
                1,
                UUID.randomUUID().toString(),
                org.id(),
                1L,
                List.of(TransferSpec.of(
                        ledger.find(kind.id(), OwnerType.MEMBER, wang)
                                .orElseThrow()
                                .id(),
                        redemption.id(),
                        70,
                        "REDEEM",
                        "MARKET"))));

        Caller asMember = new Caller(777, "li", li, List.of());
        Rankings.Ranking month = rankings.top(asMember, kind.id(), org.id(), "MONTH", 10);
        assertThat(month.lines()).extracting(Rankings.Line::name).containsExactly("王排名", "张积分", "李排名");
        assertThat(month.lines()).extracting(Rankings.Line::points).containsExactly(80L, 50L, 40L);
        assertThat(month.lines()).extracting(Rankings.Line::rank).containsExactly(1, 2, 3);
        assertThat(month.me()).isNotNull();
        assertThat(month.me().rank()).isEqualTo(3);

        Rankings.Board board = rankings.board(staff, kind.id(), org.id(), "YEAR", 10);
        assertThat(board.black().lines()).extracting(Rankings.Line::name).containsExactly("赵扣分");
        assertThat(rankings.top(staff, kind.id(), org.id(), "ALL", 1).lines()).hasSize(1);
        assertThatThrownBy(() -> rankings.top(staff, kind.id(), org.id(), "WEEKLY", 10))
                .extracting("code")
                .isEqualTo(PointsErrors.PERIOD_INVALID);
        Organization other = organizations.createRoot(OrganizationKind.COMMUNITY, "别处" + UUID.randomUUID());
        assertThatThrownBy(() -> rankings.top(asMember, kind.id(), other.id(), "MONTH", 10))
                .isInstanceOf(org.gongjian.access.NotFoundException.class);
    }

    private void award(Asset kind, long memberId, long amount) {
        Account issuance = ledger.open(kind.id(), OwnerType.ISSUANCE, org.id(), org.path());
        Account account = ledger.open(kind.id(), OwnerType.MEMBER, memberId, "");
        assertThat(ledger.post(new Posting(
                                1,
                                UUID.randomUUID().toString(),
                                org.id(),
                                1L,
                                List.of(TransferSpec.of(issuance.id(), account.id(), amount, "AWARD", "VOLUNTEER"))))
                        .ok())
                .isTrue();
    }

    @Test
    void stars_follow_deposited_service_hours_and_the_organizations_thresholds() {
        Account issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, org.id(), org.path());
        Account time = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
        ledger.post(new Posting(
                1,
                UUID.randomUUID().toString(),
                org.id(),
                1L,
                List.of(TransferSpec.of(issuance.id(), time.id(), 310 * 60, "SERVICE_DEPOSIT", "VOLUNTEER"))));

        Stars.Rating defaults = stars.of(staff, member);
        assertThat(defaults.stars()).isEqualTo(2);
        assertThat(defaults.nextAt()).isEqualTo(600);

        settings.set(admin, org.id(), 50, List.of(100, 200, 300, 800, 1000));
        assertThat(stars.of(staff, member).stars()).isEqualTo(3);
        assertThatThrownBy(() -> settings.set(admin, org.id(), 50, List.of(100, 100, 300, 800, 1000)))
                .extracting("code")
                .isEqualTo(PointsErrors.STAR_HOURS_INVALID);
    }

    @Test
    void a_yearly_reset_expires_what_was_held_at_the_reset_once() {
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        String monthDay = today.toString().substring(5);
        Asset kind = kinds.create(
                admin,
                org.id(),
                "Y" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000),
                "党员积分",
                10,
                false,
                "YEARLY",
                monthDay,
                null);
        award(kind, member, 120);

        clock.advance(Duration.ofDays(2));
        award(kind, member, 15);
        assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
        assertThat(balance(kind, member))
                .as("what was earned after the reset stays")
                .isEqualTo(15);
        assertThat(expiry.run()).isZero();
        assertThat(balance(kind, member)).isEqualTo(15);
        Account sink = ledger.find(kind.id(), OwnerType.EXPIRY, org.id()).orElseThrow();
        assertThat(sink.balance()).isEqualTo(120);
    }

    @Test
    void two_expiry_runs_at_once_as_on_two_nodes_expire_each_account_once() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        Asset kind = kinds.create(
                admin,
                org.id(),
                "T" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000),
                "党员积分",
                10,
                false,
                "YEARLY",
                today.toString().substring(5),
                null);
        List<Long> residents = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long id = newMember("过期" + i);
            residents.add(id);
            award(kind, id, 10 + i);
        }
        clock.advance(Duration.ofDays(2));

        ExecutorService two = Executors.newFixedThreadPool(2);
        Future<Integer> first = two.submit(expiry::run);
        Future<Integer> second = two.submit(expiry::run);
        int expired = first.get() + second.get();
        two.shutdown();

        assertThat(expired).isEqualTo(30);
        for (long id : residents) {
            assertThat(balance(kind, id)).isZero();
        }
        long expectedTotal = residents.size() * 10L + (29L * 30 / 2);
        assertThat(ledger.find(kind.id(), OwnerType.EXPIRY, org.id())
                        .orElseThrow()
                        .balance())
                .isEqualTo(expectedTotal);
    }

    @Test
    void rolling_expiry_takes_unspent_old_points_first_in_first_out_once_per_month() {
        Asset kind = kinds.create(
                admin,
                org.id(),
                "R" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000),
                "志愿积分",
                10,
                false,
                "ROLLING",
                null,
                1);
        award(kind, member, 100);
        Account account = ledger.find(kind.id(), OwnerType.MEMBER, member).orElseThrow();
        Account redemption = ledger.open(kind.id(), OwnerType.REDEMPTION, org.id(), org.path());
        ledger.post(new Posting(
                1,
                UUID.randomUUID().toString(),
                org.id(),
                1L,
                List.of(TransferSpec.of(account.id(), redemption.id(), 30, "REDEEM", "MARKET"))));

        clock.advance(Duration.ofDays(75));
        award(kind, member, 40);
        expiry.run();
        assertThat(balance(kind, member))
                .as("70 old unspent points expire, 40 new stay")
                .isEqualTo(40);
        expiry.run();
        clock.advance(Duration.ofDays(31));
        expiry.run();
        assertThat(balance(kind, member)).isEqualTo(40);
    }
}
