package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEvents;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Channel;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One rule for every path that posts, enforced by the ledger: time moves only through the time
 * bank; points moved by a person (the generic ledger endpoint, an adjustment posted at once) are at
 * most the organization's approval threshold per request; more needs a second administrator's
 * approval; rules post within their own caps.
 */
@MicronautTest(transactional = false)
class PostingChannelsIT extends LedgerReconciles {

    @Inject
    LedgerAccess ledgerAccess;

    @Inject
    Adjustments adjustments;

    @Inject
    PointKinds kinds;

    @Inject
    PointsSettings settings;

    @Inject
    PointsRules rules;

    @Inject
    DomainEvents events;

    @Inject
    TimeBank timeBank;

    @Inject
    Ledger ledger;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    private Organization org;
    private Caller admin;
    private Caller secondAdmin;
    private Caller staff;
    private Asset kind;
    private long member;
    private Account issuance;
    private Account points;
    private Account timeIssuance;
    private Account time;

    @BeforeEach
    void a_community_with_a_point_kind_and_a_member() {
        PointsCommunity c = PointsCommunity.create(organizations, kinds, members, 701);
        org = c.org();
        admin = c.admin();
        secondAdmin = c.secondAdmin();
        staff = c.staff();
        kind = c.kind();
        member = c.member();
        issuance = ledger.open(kind.id(), OwnerType.ISSUANCE, org.id(), org.path());
        points = ledger.open(kind.id(), OwnerType.MEMBER, member, "");
        timeIssuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, org.id(), org.path());
        time = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member, "");
    }

    private long balance(Account account) {
        return ledger.account(account.id()).orElseThrow().balance();
    }

    /** The threshold in the kind's smallest unit (tenths): 50 points by default. */
    private long threshold() {
        return settings.effective(admin, org.id()).approvalThreshold() * kind.unitScale();
    }

    private PostingResult byHand(Caller caller, TransferSpec... transfers) {
        return ledgerAccess.post(caller, key(), org.id(), List.of(transfers));
    }

    @Test
    void by_hand_staff_and_administrators_move_points_up_to_the_threshold_and_never_time() {
        for (Caller caller : List.of(staff, admin)) {
            long before = balance(points);

            PostingResult tenThousand = byHand(caller, award(100_000));
            PostingResult split = byHand(caller, award(threshold()), award(1));
            PostingResult deduction =
                    byHand(caller, TransferSpec.of(points.id(), issuance.id(), threshold() + 1, "D", "M"));
            PostingResult hours240 = byHand(caller, TransferSpec.of(timeIssuance.id(), time.id(), 240 * 60, "S", "V"));
            PostingResult atThreshold = byHand(caller, award(threshold()));

            assertThat(List.of(tenThousand, split, deduction))
                    .extracting(PostingResult::code)
                    .containsOnly("APPROVAL_REQUIRED");
            assertThat(split.failedIndex()).isEqualTo(1);
            assertThat(hours240.code()).isEqualTo("USE_TIME_BANK");
            assertThat(atThreshold.ok()).as(caller.username()).isTrue();
            assertThat(balance(points)).isEqualTo(before + threshold());
            assertThat(balance(time)).isZero();
        }
    }

    @Test
    void the_threshold_is_the_organizations_setting() {
        settings.set(admin, org.id(), 100, PointsSettings.DEFAULT_STAR_HOURS);

        assertThat(byHand(staff, award(1000)).ok()).isTrue();
        assertThat(byHand(staff, award(1001)).code()).isEqualTo("APPROVAL_REQUIRED");
    }

    @Test
    void a_reversal_by_hand_corrects_time_and_points_beyond_the_threshold() {
        TimeBankResult deposited =
                timeBank.deposit(staff, key(), new Deposit(member, null, 600L, "助老", "签到表", null, null));
        assertThat(deposited.result()).isEqualTo("OK");
        long depositId = deposited.transfers().getFirst().transferId();
        PostingResult approved =
                ledger.post(new Posting(0, key(), org.id(), 1L, List.of(award(10_000)), Channel.APPROVED_ADJUSTMENT));
        assertThat(approved.ok()).isTrue();

        PostingResult timeReversal = byHand(staff, reversal(time, timeIssuance, 600, depositId));
        PostingResult pointsReversal = byHand(
                staff,
                reversal(
                        points,
                        issuance,
                        10_000,
                        approved.transfers().getFirst().id()));

        assertThat(timeReversal.ok()).as(timeReversal.code()).isTrue();
        assertThat(pointsReversal.ok()).as(pointsReversal.code()).isTrue();
        assertThat(balance(time)).isZero();
        assertThat(balance(points)).isZero();
    }

    @Test
    void an_adjustment_above_the_threshold_waits_for_a_second_administrator_and_the_ledger_refuses_it_otherwise() {
        for (Caller caller : List.of(staff, admin)) {
            Adjustment pending = adjustments.adjust(
                    caller, key(), new Adjustments.Request(member, kind.id(), null, 100_000, null, null, "大额奖励"));
            assertThat(pending.status()).isEqualTo("PENDING");
            assertThat(balance(points)).as("nothing posted before the approval").isZero();
        }

        PostingResult bypass =
                ledger.post(new Posting(1, key(), org.id(), 1L, List.of(award(100_000)), Channel.ADJUSTMENT));
        assertThat(bypass.code())
                .as("the ledger itself refuses an adjustment posted at once above the threshold")
                .isEqualTo("APPROVAL_REQUIRED");

        Adjustment pending = adjustments.inbox(secondAdmin).stream()
                .filter(a -> a.memberId() == member && a.requestedBy() == admin.userId())
                .findFirst()
                .orElseThrow();
        Adjustment approved = adjustments.approve(secondAdmin, pending.id(), "同意");
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(balance(points)).isEqualTo(100_000);
    }

    @Test
    void the_time_bank_moves_only_time_and_rules_only_points() throws Exception {
        TimeBankResult deposited =
                timeBank.deposit(staff, key(), new Deposit(member, null, 90L, "助老", "签到表", null, null));
        PostingResult timeBankPoints =
                ledger.post(new Posting(0, key(), org.id(), null, List.of(award(10)), Channel.TIME_BANK));
        PostingResult ruleTime = ledger.post(new Posting(
                0,
                key(),
                org.id(),
                null,
                List.of(TransferSpec.of(timeIssuance.id(), time.id(), 60, "RULE_AWARD", "VOLUNTEER")),
                Channel.RULE));

        assertThat(deposited.result()).isEqualTo("OK");
        assertThat(timeBankPoints.code()).isEqualTo("ASSET_NOT_AVAILABLE");
        assertThat(ruleTime.code()).isEqualTo("USE_TIME_BANK");
        assertThat(balance(time)).isEqualTo(90);

        rules.create(
                admin,
                new RuleInput(
                        kind.id(),
                        org.id(),
                        "大额规则",
                        DomainEvent.HOURS_APPROVED,
                        null,
                        null,
                        null,
                        "FIXED",
                        100_000,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "VOLUNTEER",
                        null,
                        null));
        DomainEvent event = events.publish(DomainEvent.HOURS_APPROVED, member, org.id(), 60, Map.of());
        Instant deadline = Instant.now().plusSeconds(20);
        while (events.handledAt(event.id()).isEmpty()) {
            assertThat(Instant.now()).as("event handled in time").isBefore(deadline);
            Thread.sleep(20);
        }
        assertThat(balance(points))
                .as("a rule an administrator set up posts within its own caps, above the manual threshold")
                .isEqualTo(100_000);
    }

    private TransferSpec award(long amount) {
        return TransferSpec.of(issuance.id(), points.id(), amount, "MANUAL_AWARD", "MANUAL");
    }

    private static TransferSpec reversal(Account from, Account to, long amount, long reversesId) {
        return new TransferSpec(from.id(), to.id(), amount, "CORRECTION", "MANUAL", "更正", null, null, reversesId);
    }

    private static String key() {
        return "pc-" + UUID.randomUUID();
    }
}
