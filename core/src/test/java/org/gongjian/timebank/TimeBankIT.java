package org.gongjian.timebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gongjian.timebank.TimeBankWorld.key;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.AuditHeadLock;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.time.MutableClock;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.PoolGrant;
import org.gongjian.timebank.TimeBankRequests.Redemption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The time-bank service on the embedded MariaDB: every operation with its refusals (age 59 and 60
 * by the application clock, the spouse rule, the storage cap at exactly 1500 h, gifts to siblings
 * and in-laws, policies that forbid gifts and donations), scoping, idempotent retries, racing
 * spends, the statement in hours and the 通存通兑 flow view. After the class the ledger reconciles.
 *
 * <p>Each test builds its own street with two communities A and B (each with a grid), so tests do
 * not see each other's policies or flows.
 */
@MicronautTest(transactional = false)
class TimeBankIT extends LedgerReconciles {

    @Inject
    TimeBank timeBank;

    @Inject
    TimeBankPolicies policies;

    @Inject
    TimeBankWorld world;

    @Inject
    Organizations organizations;

    @Inject
    Ledger ledger;

    @Inject
    MutableClock clock;

    @Inject
    org.gongjian.members.Members members;

    Organization street;
    Organization a;
    Organization gridA;
    Organization b;
    Organization gridB;
    Caller adminA;
    Caller staffA;
    Caller streetAdmin;

    @BeforeEach
    void a_street_with_two_communities() {
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "街道" + System.nanoTime());
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "A社区");
        gridA = organizations.createChild(a, OrganizationKind.GRID, "A一网格");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "B社区");
        gridB = organizations.createChild(b, OrganizationKind.GRID, "B一网格");
        adminA = world.staff(Role.ORG_ADMIN, a);
        staffA = world.staff(Role.ORG_STAFF, a);
        streetAdmin = world.staff(Role.ORG_ADMIN, street);
    }

    @AfterEach
    void back_to_the_real_time() {
        clock.reset();
    }

    private TimeBankResult deposit(Caller caller, long memberId, long minutes) {
        return timeBank.deposit(caller, key(), new Deposit(memberId, null, minutes, "敬老院陪护", "签到表", null, null));
    }

    /** Gives a member minutes through deposits of at most a day each, recorded by community A's admin. */
    private void fund(long memberId, long minutes) {
        for (long left = minutes; left > 0; left -= TimeBank.MAX_DEPOSIT_MINUTES) {
            TimeBankResult r = timeBank.deposit(
                    streetAdmin,
                    key(),
                    new Deposit(memberId, null, Math.min(left, TimeBank.MAX_DEPOSIT_MINUTES), "服务", "记录", null, null));
            assertThat(r.result()).isEqualTo("OK");
        }
    }

    // --- deposit

    @Test
    void a_deposit_moves_minutes_from_the_recording_organizations_issuance_to_the_member_and_is_audited()
            throws Exception {
        long member = world.aged(gridA, "张三", 30);

        TimeBankResult result = timeBank.deposit(
                staffA, key(), new Deposit(member, a.id(), 90L, "敬老院陪护", "签到表 5月1日", "ACTIVITY", "act-17"));

        assertThat(result.result()).isEqualTo("OK");
        assertThat(result.replayed()).isFalse();
        assertThat(result.transfers()).singleElement().satisfies(t -> {
            assertThat(t.minutes()).isEqualTo(90);
            assertThat(t.hours()).isEqualByComparingTo("1.5");
            assertThat(t.reasonCode()).isEqualTo("SERVICE_DEPOSIT");
            assertThat(t.memo()).isEqualTo("敬老院陪护｜证明：签到表 5月1日");
        });
        assertThat(world.balance(member)).isEqualTo(90);
        assertThat(world.balance(OwnerType.ISSUANCE, a)).isEqualTo(-90);
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?",
                        TimeBank.DEPOSITED,
                        member))
                .isOne();
        assertThat(ledger.statement(
                                ledger.find(Asset.TIME_ID, OwnerType.MEMBER, member)
                                        .orElseThrow()
                                        .id(),
                                null,
                                5)
                        .getFirst()
                        .transfer()
                        .sourceRef())
                .isEqualTo("act-17");
    }

    @Test
    void staff_of_one_community_cannot_deposit_for_a_member_of_another_or_from_its_issuance() throws Exception {
        long memberA = world.aged(gridA, "甲", 30);
        long memberB = world.aged(gridB, "乙", 30);
        var before = world.fingerprint();

        assertThatThrownBy(() -> deposit(adminA, memberB, 60)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() ->
                        timeBank.deposit(adminA, key(), new Deposit(memberA, b.id(), 60L, "服务", "记录", null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deposit(world.self(memberA), memberA, 60)).isInstanceOf(NotFoundException.class);

        world.assertUnchanged(before);
    }

    @Test
    void a_deposit_is_refused_for_bad_input_with_a_code_before_anything_changes() throws Exception {
        long member = world.aged(gridA, "张三", 30);
        var before = world.fingerprint();

        record Case(Deposit deposit, String code) {}
        for (Case c : List.of(
                new Case(new Deposit(member, null, 0L, "服务", "记录", null, null), TimeBankErrors.MINUTES_NOT_POSITIVE),
                new Case(new Deposit(member, null, -30L, "服务", "记录", null, null), TimeBankErrors.MINUTES_NOT_POSITIVE),
                new Case(new Deposit(member, null, 1441L, "服务", "记录", null, null), TimeBankErrors.MINUTES_TOO_LARGE),
                new Case(new Deposit(member, null, null, "服务", "记录", null, null), TimeBankErrors.MINUTES_REQUIRED),
                new Case(new Deposit(member, null, 60L, " ", "记录", null, null), TimeBankErrors.REASON_REQUIRED),
                new Case(new Deposit(member, null, 60L, "服务", null, null, null), TimeBankErrors.EVIDENCE_REQUIRED),
                new Case(
                        new Deposit(member, null, 60L, "<script>alert(1)</script>", "记录", null, null),
                        TimeBankErrors.REASON_CHARACTERS),
                new Case(
                        new Deposit(member, null, 60L, "服务", "记录\u202e", null, null),
                        TimeBankErrors.EVIDENCE_CHARACTERS),
                new Case(
                        new Deposit(member, null, 60L, "服".repeat(81), "记录", null, null),
                        TimeBankErrors.REASON_TOO_LONG),
                new Case(new Deposit(member, null, 60L, "服务", "记录", "ACTIVITY", null), TimeBankErrors.SOURCE_INVALID),
                new Case(new Deposit(null, null, 60L, "服务", "记录", null, null), TimeBankErrors.MEMBER_REQUIRED))) {
            assertThatThrownBy(() -> timeBank.deposit(adminA, key(), c.deposit()))
                    .as(c.code())
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                            .isEqualTo(c.code()));
        }
        assertThatThrownBy(() ->
                        timeBank.deposit(adminA, "bad key", new Deposit(member, null, 60L, "服务", "记录", null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY"));

        world.assertUnchanged(before);
    }

    // --- storage cap

    @Test
    void the_storage_cap_takes_a_member_to_exactly_1500_hours_and_refuses_one_minute_more() {
        long member = world.aged(gridA, "满额", 40);
        var issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, a.id(), a.path());
        var account = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
        PostingResult primed = ledger.post(new Posting(
                1,
                key(),
                a.id(),
                null,
                List.of(TransferSpec.of(issuance.id(), account.id(), 90_000 - 60, "SERVICE_DEPOSIT", "VOLUNTEER"))));
        assertThat(primed.ok()).isTrue();

        assertThat(deposit(adminA, member, 60).result()).isEqualTo("OK");
        assertThat(world.balance(member)).isEqualTo(90_000);

        assertThat(deposit(adminA, member, 1).result()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(world.balance(member)).isEqualTo(90_000);
        assertThat(timeBank.account(adminA, member).balanceHours()).isEqualByComparingTo("1500.0");
    }

    @Test
    void the_cap_comes_from_the_deepest_policy_on_the_members_path_and_is_enforced_by_the_ledger_itself() {
        long member = world.aged(gridA, "小额", 40);
        policies.set(streetAdmin, street.id(), new PolicyInput(60, 300L, true, true));
        policies.set(adminA, a.id(), new PolicyInput(60, 120L, true, true));

        assertThat(deposit(adminA, member, 120).result()).isEqualTo("OK");
        assertThat(deposit(adminA, member, 1).result()).isEqualTo("LIMIT_EXCEEDED");
        var issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, a.id(), a.path());
        var account = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
        assertThat(ledger.post(new Posting(
                                1,
                                key(),
                                a.id(),
                                null,
                                List.of(TransferSpec.of(
                                        issuance.id(), account.id(), 1, "SERVICE_DEPOSIT", "VOLUNTEER"))))
                        .result())
                .isEqualTo(PostingResult.Result.LIMIT_EXCEEDED);

        policies.clear(adminA, a.id());
        assertThat(deposit(adminA, member, 180).result()).isEqualTo("OK");
        assertThat(world.balance(member)).isEqualTo(300);
        assertThat(deposit(adminA, member, 1).result()).isEqualTo("LIMIT_EXCEEDED");
    }

    // --- paying and the spending age

    @Test
    void a_member_of_59_may_not_pay_and_may_on_their_60th_birthday() {
        long payer = world.member(gridA, "差一天", world.today().minusYears(60).plusDays(1));
        long payee = world.aged(gridB, "服务者", 30);
        fund(payer, 120);

        String key = key();
        Caller self = world.self(payer);
        Payment payment = new Payment(payer, payee, 60L, "理发");
        TimeBankResult refused = timeBank.pay(self, key, payment);
        assertThat(refused.result()).isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(refused.requestId()).as("the refusal is stored with the key").isNotNull();
        assertThat(refused.replayed()).isFalse();
        assertThat(world.balance(payer)).isEqualTo(120);

        clock.advance(Duration.ofDays(1));
        TimeBankResult retry = timeBank.pay(self, key, payment);
        assertThat(retry.result())
                .as("a retry answers the first decision, though the member is 60 now")
                .isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.requestId()).isEqualTo(refused.requestId());
        assertThat(timeBank.pay(self, key, new Payment(payer, payee, 61L, "理发")).result())
                .isEqualTo("DUPLICATE_WITH_DIFFERENT_CONTENT");
        assertThat(world.balance(payer)).isEqualTo(120);

        TimeBankResult paid = timeBank.pay(self, key(), payment);
        assertThat(paid.result()).isEqualTo("OK");
        assertThat(world.balance(payer)).isEqualTo(60);
        assertThat(world.balance(payee)).isEqualTo(60);
    }

    @Test
    void a_member_under_60_may_pay_when_their_spouse_in_the_household_is_60_but_not_through_a_parent()
            throws Exception {
        long head = world.aged(gridA, "户主", 59);
        long spouse = world.aged(gridA, "配偶", 60);
        long child = world.aged(gridA, "儿子", 35);
        world.household(gridA, head, "HEAD", spouse, "SPOUSE", child, "CHILD");
        long payee = world.aged(gridA, "服务者", 30);
        fund(head, 60);
        fund(child, 60);

        assertThat(timeBank.pay(staffA, key(), new Payment(head, payee, 30L, null))
                        .result())
                .isEqualTo("OK");
        assertThat(timeBank.pay(staffA, key(), new Payment(child, payee, 30L, null))
                        .result())
                .isEqualTo("SPENDING_AGE_NOT_REACHED");

        long unknownAge = world.member(gridA, "无生日", null);
        fund(unknownAge, 60);
        assertThat(timeBank.pay(staffA, key(), new Payment(unknownAge, payee, 30L, null))
                        .result())
                .isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(world.balance(payee)).isEqualTo(30);
    }

    @Test
    void paying_more_than_the_balance_is_refused_by_the_ledger_and_the_policy_age_applies() {
        long payer = world.aged(gridA, "老人", 70);
        long payee = world.aged(gridA, "服务者", 30);
        fund(payer, 100);

        assertThat(timeBank.pay(world.self(payer), key(), new Payment(payer, payee, 101L, null))
                        .result())
                .isEqualTo("INSUFFICIENT_BALANCE");
        policies.set(adminA, a.id(), new PolicyInput(75, 90_000L, true, true));
        assertThat(timeBank.pay(world.self(payer), key(), new Payment(payer, payee, 50L, null))
                        .result())
                .isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(world.balance(payer)).isEqualTo(100);
        assertThatThrownBy(() -> timeBank.pay(world.self(payer), key(), new Payment(payer, payer, 5L, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(TimeBankErrors.SAME_MEMBER));
    }

    @Test
    void only_the_member_or_staff_over_them_moves_their_minutes() {
        long payer = world.aged(gridB, "乙老人", 70);
        long other = world.aged(gridA, "甲", 70);
        long payee = world.aged(gridA, "服务者", 30);
        fund(payer, 60);

        assertThatThrownBy(() -> timeBank.pay(adminA, key(), new Payment(payer, payee, 10L, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> timeBank.pay(world.self(other), key(), new Payment(payer, payee, 10L, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> timeBank.pay(world.self(payer), key(), new Payment(payer, Long.MAX_VALUE - 1, 10L, null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(world.balance(payer)).isEqualTo(60);
    }

    // --- gifts

    @Test
    void gifts_go_to_direct_relatives_at_any_age_but_not_to_siblings_in_laws_or_others() {
        long head = world.aged(gridA, "户主", 40);
        long spouse = world.aged(gridA, "妻子", 38);
        long parent = world.aged(gridA, "父亲", 66);
        long child = world.aged(gridA, "女儿", 12);
        long child2 = world.aged(gridA, "儿子", 10);
        long lodger = world.aged(gridA, "租客", 30);
        world.household(
                gridA, head, "HEAD", spouse, "SPOUSE", parent, "PARENT", child, "CHILD", child2, "CHILD", lodger,
                "OTHER");
        long neighbour = world.aged(gridA, "邻居", 40);
        fund(child, 100);
        fund(spouse, 100);

        Caller kid = world.self(child);
        assertThat(timeBank.gift(kid, key(), new Gift(child, parent, 10L, "孝敬爷爷"))
                        .result())
                .isEqualTo("OK");
        assertThat(timeBank.gift(kid, key(), new Gift(child, head, 10L, null)).result())
                .isEqualTo("OK");
        assertThat(timeBank.gift(kid, key(), new Gift(child, child2, 10L, null)).result())
                .isEqualTo("NOT_A_DIRECT_RELATIVE");
        assertThat(timeBank.gift(kid, key(), new Gift(child, lodger, 10L, null)).result())
                .isEqualTo("NOT_A_DIRECT_RELATIVE");
        assertThat(timeBank.gift(kid, key(), new Gift(child, neighbour, 10L, null))
                        .result())
                .isEqualTo("NOT_A_DIRECT_RELATIVE");
        assertThat(timeBank.gift(world.self(spouse), key(), new Gift(spouse, parent, 10L, null))
                        .result())
                .as("daughter-in-law to father-in-law")
                .isEqualTo("NOT_A_DIRECT_RELATIVE");
        assertThat(world.balance(child)).isEqualTo(80);
        assertThat(world.balance(parent)).isEqualTo(10);
        assertThat(world.balance(head)).isEqualTo(10);

        assertThat(timeBank.giftRecipients(kid, child))
                .as("the forms offer exactly those the gift rule accepts: parents and grandparent, no sibling")
                .extracting(GiftRecipient::memberId)
                .containsExactlyInAnyOrder(head, spouse, parent);
        assertThat(timeBank.giftRecipients(staffA, spouse))
                .as("a wife gives to her husband and children, not to his father")
                .extracting(GiftRecipient::memberId)
                .containsExactlyInAnyOrder(head, child, child2);
        assertThat(timeBank.giftRecipients(world.self(lodger), lodger)).isEmpty();
        assertThatThrownBy(() -> timeBank.giftRecipients(kid, head)).isInstanceOf(NotFoundException.class);
        world.moveOut(parent);
        assertThat(timeBank.giftRecipients(kid, child))
                .extracting(GiftRecipient::memberId)
                .containsExactlyInAnyOrder(head, spouse);
        policies.set(adminA, a.id(), new PolicyInput(60, 90_000L, false, true));
        assertThat(timeBank.giftRecipients(kid, child)).as("gifts not allowed").isEmpty();
    }

    @Test
    void a_policy_without_gifts_refuses_them_in_its_subtree() {
        long head = world.aged(gridA, "户主", 40);
        long child = world.aged(gridA, "女儿", 12);
        world.household(gridA, head, "HEAD", child, "CHILD");
        fund(head, 60);
        policies.set(streetAdmin, street.id(), new PolicyInput(60, 90_000L, false, true));

        assertThat(timeBank.gift(world.self(head), key(), new Gift(head, child, 10L, null))
                        .result())
                .isEqualTo("GIFTS_NOT_ALLOWED");
        assertThat(world.balance(head)).isEqualTo(60);
    }

    // --- donations and pool grants

    @Test
    void a_donation_goes_to_the_pool_of_the_members_community_and_an_admin_grants_from_it() throws Exception {
        long donor = world.aged(gridA, "捐赠者", 30);
        long needy = world.aged(gridA, "困难户", 80);
        fund(donor, 120);

        assertThat(timeBank.donate(world.self(donor), key(), new Donation(donor, null, 100L, "献爱心"))
                        .result())
                .isEqualTo("OK");
        assertThat(world.balance(OwnerType.POOL, a)).isEqualTo(100);

        assertThatThrownBy(() -> timeBank.grant(staffA, key(), new PoolGrant(a.id(), needy, 30L, "生活困难")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> timeBank.grant(
                        world.staff(Role.ORG_ADMIN, b), key(), new PoolGrant(a.id(), needy, 30L, "生活困难")))
                .isInstanceOf(NotFoundException.class);
        assertThat(timeBank.grant(adminA, key(), new PoolGrant(a.id(), needy, 30L, "生活困难"))
                        .result())
                .isEqualTo("OK");
        assertThat(timeBank.grant(adminA, key(), new PoolGrant(a.id(), needy, 71L, "生活困难"))
                        .result())
                .isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(world.balance(needy)).isEqualTo(30);
        assertThat(world.balance(OwnerType.POOL, a)).isEqualTo(70);
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", TimeBank.GRANTED, needy))
                .isOne();
    }

    @Test
    void donations_are_refused_where_the_policy_disables_them_and_other_pools_are_out_of_a_volunteers_reach() {
        long donor = world.aged(gridA, "捐赠者", 30);
        fund(donor, 60);
        policies.set(adminA, a.id(), new PolicyInput(60, 90_000L, true, false));

        assertThat(timeBank.donate(world.self(donor), key(), new Donation(donor, null, 10L, null))
                        .result())
                .isEqualTo("DONATIONS_NOT_ALLOWED");
        assertThatThrownBy(() -> timeBank.donate(world.self(donor), key(), new Donation(donor, b.id(), 10L, null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(world.balance(donor)).isEqualTo(60);
    }

    // --- spending across communities and the flow view

    @Test
    void a_member_of_b_spends_at_a_and_the_flow_view_shows_both_directions_between_the_communities() {
        long member = world.aged(gridB, "乙老人", 72);
        long young = world.aged(gridB, "乙青年", 30);
        assertThat(timeBank.deposit(
                                streetAdmin, key(), new Deposit(member, gridA.id(), 120L, "A社区助老", "签到表", null, null))
                        .result())
                .isEqualTo("OK");
        assertThat(timeBank.deposit(streetAdmin, key(), new Deposit(young, b.id(), 60L, "本社区", "签到表", null, null))
                        .result())
                .isEqualTo("OK");
        fund(young, 60);

        assertThat(timeBank.redeem(world.self(member), key(), new Redemption(member, a.id(), 90L, "A社区食堂"))
                        .result())
                .isEqualTo("OK");
        assertThat(timeBank.redeem(world.self(young), key(), new Redemption(young, a.id(), 30L, null))
                        .result())
                .isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(world.balance(OwnerType.REDEMPTION, a)).isEqualTo(90);

        FlowReport report = timeBank.flows(streetAdmin, street.id(), null, null);
        FlowReport.Flow aToB = report.flows().stream()
                .filter(f -> f.organizationId() == a.id() && f.memberCommunityId() == b.id())
                .findFirst()
                .orElseThrow();
        assertThat(aToB.crossCommunity()).isTrue();
        assertThat(aToB.deposits()).isEqualTo(1);
        assertThat(aToB.depositedMinutes()).isEqualTo(120);
        assertThat(aToB.spends()).isEqualTo(1);
        assertThat(aToB.spentMinutes()).isEqualTo(90);
        assertThat(aToB.spentHours()).isEqualByComparingTo("1.5");
        assertThat(aToB.spendMembers()).isEqualTo(1);
        assertThat(report.flows()).anySatisfy(f -> {
            assertThat(f.organizationId()).isEqualTo(b.id());
            assertThat(f.crossCommunity()).isFalse();
            assertThat(f.deposits())
                    .as("B's own deposit and the fund from B's grid")
                    .isEqualTo(2);
            assertThat(f.depositedMinutes()).isEqualTo(120);
            assertThat(f.depositMembers()).isEqualTo(2);
        });

        assertThat(timeBank.flows(adminA, a.id(), null, null).flows())
                .as("A's admin sees what A did for B's members")
                .extracting(FlowReport.Flow::memberCommunityId)
                .containsExactly(b.id());
        assertThatThrownBy(() -> timeBank.flows(adminA, b.id(), null, null)).isInstanceOf(NotFoundException.class);
        assertThat(timeBank.flows(
                                streetAdmin,
                                street.id(),
                                world.today().minusDays(40),
                                world.today().minusDays(35))
                        .flows())
                .isEmpty();
        assertThatThrownBy(() -> timeBank.flows(
                        streetAdmin, street.id(), world.today(), world.today().minusDays(1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(TimeBankErrors.PERIOD_INVALID));
    }

    @Test
    void the_flow_view_counts_a_member_at_their_community_of_the_time_and_subtracts_reversals() throws Exception {
        long member = world.aged(gridB, "迁居老人", 72);
        TimeBankResult first =
                timeBank.deposit(streetAdmin, key(), new Deposit(member, gridA.id(), 120L, "A社区助老", "签到表", null, null));
        TimeBankResult second =
                timeBank.deposit(streetAdmin, key(), new Deposit(member, gridA.id(), 30L, "A社区助老", "签到表", null, null));
        assertThat(first.ok() && second.ok()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        members.transfer(streetAdmin, member, gridA.id(), "搬到A社区");
        clock.advance(Duration.ofMinutes(1));
        assertThat(timeBank.redeem(world.self(member), key(), new Redemption(member, a.id(), 50L, "食堂"))
                        .result())
                .isEqualTo("OK");
        var original = second.transfers().getFirst();
        PostingResult reversal = ledger.post(new Posting(
                0,
                key(),
                a.id(),
                null,
                List.of(new TransferSpec(
                        original.creditAccountId(),
                        original.debitAccountId(),
                        original.minutes(),
                        "REVERSAL",
                        "CORRECTION",
                        "记错了",
                        null,
                        null,
                        original.transferId()))));
        assertThat(reversal.ok()).isTrue();

        FlowReport report = timeBank.flows(streetAdmin, street.id(), null, null);

        FlowReport.Flow aForB = report.flows().stream()
                .filter(f -> f.organizationId() == a.id() && f.memberCommunityId() == b.id())
                .findFirst()
                .orElseThrow();
        assertThat(aForB.deposits())
                .as("two deposits while the member lived in B, one reversed")
                .isEqualTo(1);
        assertThat(aForB.depositedMinutes()).isEqualTo(120);
        assertThat(aForB.depositMembers()).isEqualTo(1);
        assertThat(aForB.spends()).isZero();
        FlowReport.Flow aForA = report.flows().stream()
                .filter(f -> f.organizationId() == a.id() && f.memberCommunityId() == a.id())
                .findFirst()
                .orElseThrow();
        assertThat(aForA.spentMinutes())
                .as("spent after the move: a member of A now")
                .isEqualTo(50);
        assertThat(aForA.deposits()).isZero();
        assertThat(timeBank.flows(adminA, a.id(), null, null).flows())
                .extracting(FlowReport.Flow::memberCommunityId)
                .containsExactlyInAnyOrder(a.id(), b.id());
    }

    @Test
    void a_deposit_and_its_audit_row_commit_together() throws Exception {
        long member = world.aged(gridA, "同事务", 30);
        TimeBankResult deposited = AuditHeadLock.whileHeld(
                world.raw(),
                () -> deposit(adminA, member, 45),
                () -> world.count(
                                "SELECT COUNT(*) FROM ledger_account WHERE owner_type = 'MEMBER' AND owner_id = ?"
                                        + " AND balance <> 0",
                                member)
                        == 0);
        assertThat(deposited.result()).isEqualTo("OK");
        assertThat(world.balance(member)).isEqualTo(45);
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?",
                        TimeBank.DEPOSITED,
                        member))
                .isOne();
    }

    // --- idempotency and concurrency

    @Test
    void a_retry_with_the_same_key_answers_the_first_result_even_after_the_rules_changed() throws Exception {
        long head = world.aged(gridA, "户主", 40);
        long child = world.aged(gridA, "女儿", 12);
        world.household(gridA, head, "HEAD", child, "CHILD");
        fund(head, 60);
        Caller caller = world.self(head);
        String key = key();
        Gift gift = new Gift(head, child, 20L, "压岁");

        TimeBankResult first = timeBank.gift(caller, key, gift);
        policies.set(adminA, a.id(), new PolicyInput(60, 90_000L, false, true));
        TimeBankResult retry = timeBank.gift(caller, key, gift);

        assertThat(first.result()).isEqualTo("OK");
        assertThat(retry.result()).isEqualTo("OK");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.requestId()).isEqualTo(first.requestId());
        assertThat(world.balance(child)).isEqualTo(20);
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", TimeBank.GIFTED, head))
                .isOne();

        TimeBankResult other = timeBank.gift(caller, key, new Gift(head, child, 21L, "压岁"));
        assertThat(other.result()).isEqualTo("DUPLICATE_WITH_DIFFERENT_CONTENT");
        assertThat(world.balance(child)).isEqualTo(20);
    }

    @Test
    void two_concurrent_spends_that_together_exceed_the_balance_post_one_and_refuse_the_other() throws Exception {
        long member = world.aged(gridA, "老人", 70);
        fund(member, 100);
        Caller self = world.self(member);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<TimeBankResult> spend = () -> {
                start.await();
                return timeBank.redeem(self, key(), new Redemption(member, b.id(), 60L, null));
            };
            Future<TimeBankResult> one = pool.submit(spend);
            Future<TimeBankResult> two = pool.submit(spend);
            start.countDown();
            assertThat(List.of(one.get().result(), two.get().result()))
                    .containsExactlyInAnyOrder("OK", "INSUFFICIENT_BALANCE");
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.balance(member)).isEqualTo(40);
        assertThat(world.balance(OwnerType.REDEMPTION, b)).isEqualTo(60);
    }

    // --- reading

    @Test
    void the_statement_shows_hours_with_one_decimal_and_a_reason_and_category_on_every_line() {
        long member = world.aged(gridA, "老人", 70);
        long payee = world.aged(gridB, "理发师", 30);
        deposit(adminA, member, 100);
        timeBank.pay(world.self(member), key(), new Payment(member, payee, 25L, "理发"));

        List<StatementEntry> lines = timeBank.statement(world.self(member), member, null, 50);

        assertThat(lines).hasSize(2);
        StatementEntry paid = lines.get(0);
        assertThat(paid.minutes()).isEqualTo(-25);
        assertThat(paid.hours()).isEqualByComparingTo("-0.4");
        assertThat(paid.balanceHours()).isEqualByComparingTo(new BigDecimal("1.3"));
        assertThat(paid.counterpartyType()).isEqualTo("MEMBER");
        assertThat(paid.counterpartyName()).isEqualTo("理发师");
        assertThat(paid.memo()).isEqualTo("理发");
        StatementEntry deposited = lines.get(1);
        assertThat(deposited.hours()).isEqualByComparingTo("1.7");
        assertThat(deposited.counterpartyType()).isEqualTo("ISSUANCE");
        assertThat(deposited.counterpartyName())
                .as("the member's own organization recorded it")
                .isEqualTo("A一网格");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.reasonCode()).isNotBlank();
            assertThat(l.category()).isNotBlank();
        });
        assertThat(timeBank.statement(world.self(member), member, paid.seq(), 50))
                .singleElement()
                .extracting(StatementEntry::reasonCode)
                .isEqualTo("SERVICE_DEPOSIT");
        assertThat(timeBank.account(world.self(member), member).balanceHours()).isEqualByComparingTo("1.3");
        assertThat(timeBank.account(world.self(member), member).maySpend()).isTrue();
        assertThatThrownBy(() -> timeBank.statement(world.self(payee), member, null, 50))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> timeBank.statement(adminA, member, null, 0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo(TimeBankErrors.LIMIT_INVALID));
    }

    // --- policies

    @Test
    void a_policy_is_inherited_down_the_tree_set_by_administrators_only_and_audited() throws Exception {
        assertThat(policies.get(adminA, gridA.id()).definedBy()).isNull();
        assertThat(policies.get(adminA, gridA.id()).spendingMinAge()).isEqualTo(60);
        assertThat(policies.get(adminA, gridA.id()).storageCapHours()).isEqualByComparingTo("1500.0");

        policies.set(adminA, a.id(), new PolicyInput(65, 60_000L, true, false));

        PolicyView inherited = policies.get(staffA, gridA.id());
        assertThat(inherited.definedBy()).isEqualTo(a.id());
        assertThat(inherited.spendingMinAge()).isEqualTo(65);
        assertThat(inherited.donationsAllowed()).isFalse();
        assertThat(policies.get(streetAdmin, gridB.id()).definedBy()).isNull();
        assertThat(world.count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?",
                        TimeBankPolicies.POLICY_SET,
                        a.id()))
                .isOne();

        assertThatThrownBy(() -> policies.set(staffA, a.id(), new PolicyInput(50, 60_000L, true, true)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> policies.set(adminA, b.id(), new PolicyInput(50, 60_000L, true, true)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> policies.set(adminA, a.id(), new PolicyInput(121, 60_000L, true, true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(TimeBankErrors.MIN_AGE_INVALID));
        assertThatThrownBy(() -> policies.set(adminA, a.id(), new PolicyInput(60, 0L, true, true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(TimeBankErrors.STORAGE_CAP_INVALID));
        assertThatThrownBy(() -> policies.set(adminA, a.id(), new PolicyInput(60, 600L, null, true)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code())
                        .isEqualTo(TimeBankErrors.POLICY_FIELD_REQUIRED));

        assertThat(policies.clear(adminA, a.id()).definedBy()).isNull();
        assertThat(policies.get(adminA, gridA.id()).spendingMinAge()).isEqualTo(60);
    }

    @Test
    void a_member_who_moved_out_neither_receives_nor_spends() {
        long member = world.aged(gridA, "迁出", 70);
        fund(member, 60);
        world.moveOut(member);

        assertThat(deposit(adminA, member, 10).result()).isEqualTo("MEMBER_NOT_ACTIVE");
        assertThat(timeBank.redeem(world.self(member), key(), new Redemption(member, a.id(), 10L, null))
                        .result())
                .isEqualTo("MEMBER_NOT_ACTIVE");
        assertThat(world.balance(member)).isEqualTo(60);
        assertThat(timeBank.account(adminA, member).maySpend()).isFalse();
    }
}
