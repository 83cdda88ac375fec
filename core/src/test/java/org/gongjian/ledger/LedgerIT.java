package org.gongjian.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.PostingResult.Result;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger engine on the embedded MariaDB: results, idempotency, atomic requests, reversals,
 * limits, and concurrency (16 threads on one account, racing withdrawals, racing retries). After
 * the class the whole ledger must reconcile.
 */
@MicronautTest(transactional = false)
class LedgerIT extends LedgerReconciles {

    @Inject
    Ledger ledger;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    TransactionOperations<Connection> transactions;

    private Organization org;
    private Account issuance;
    private Account alice;
    private Account bob;
    private Account pool;

    @BeforeEach
    void accounts() {
        org = organizations.createRoot(OrganizationKind.COMMUNITY, "账本社区" + ids.next());
        issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, org.id(), org.path());
        pool = ledger.open(Asset.TIME_ID, OwnerType.POOL, org.id(), org.path());
        alice = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, ids.next(), "");
        bob = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, ids.next(), "");
    }

    private static final long CLIENT = 42;

    private PostingResult post(String key, TransferSpec... transfers) {
        return ledger.post(new Posting(CLIENT, key, org.id(), CLIENT, List.of(transfers)));
    }

    private static String key() {
        return "k-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    }

    private long balance(Account account) {
        return ledger.account(account.id()).orElseThrow().balance();
    }

    @Test
    void a_transfer_moves_the_amount_and_both_accounts_show_it_on_their_statements() {
        PostingResult result = post(
                key(),
                new TransferSpec(
                        issuance.id(),
                        alice.id(),
                        90,
                        "SERVICE_DEPOSIT",
                        "VOLUNTEER",
                        "敬老院陪护",
                        "ACTIVITY",
                        "act-17",
                        null));

        assertThat(result.result()).isEqualTo(Result.OK);
        assertThat(result.replayed()).isFalse();
        assertThat(result.transfers()).hasSize(1);
        assertThat(balance(alice)).isEqualTo(90);
        assertThat(balance(issuance)).isEqualTo(-90);
        Account after = ledger.account(alice.id()).orElseThrow();
        assertThat(after.credits()).isEqualTo(90);
        assertThat(after.entries()).isEqualTo(1);

        List<StatementLine> lines = ledger.statement(alice.id(), null, 10);
        assertThat(lines).hasSize(1);
        StatementLine line = lines.getFirst();
        assertThat(line.amount()).isEqualTo(90);
        assertThat(line.balance()).isEqualTo(90);
        assertThat(line.transfer().reasonCode()).isEqualTo("SERVICE_DEPOSIT");
        assertThat(line.transfer().category()).isEqualTo("VOLUNTEER");
        assertThat(line.transfer().memo()).isEqualTo("敬老院陪护");
        assertThat(line.transfer().sourceRef()).isEqualTo("act-17");
        assertThat(line.counterpartyAccountId()).isEqualTo(issuance.id());
        assertThat(line.counterpartyOwnerType()).isEqualTo(OwnerType.ISSUANCE);
        assertThat(ledger.statement(issuance.id(), null, 10).getFirst().amount())
                .isEqualTo(-90);
    }

    @Test
    void a_member_account_cannot_go_below_zero_and_the_refusal_changes_nothing() {
        post(key(), TransferSpec.of(issuance.id(), alice.id(), 60, "SERVICE_DEPOSIT", "VOLUNTEER"));

        PostingResult result = post(key(), TransferSpec.of(alice.id(), bob.id(), 61, "PAYMENT", "SERVICE"));

        assertThat(result.result()).isEqualTo(Result.INSUFFICIENT_BALANCE);
        assertThat(result.failedIndex()).isZero();
        assertThat(result.transfers()).isEmpty();
        assertThat(balance(alice)).isEqualTo(60);
        assertThat(balance(bob)).isZero();
        assertThat(ledger.account(alice.id()).orElseThrow().entries()).isEqualTo(1);
    }

    @Test
    void a_request_is_all_or_nothing() {
        post(key(), TransferSpec.of(issuance.id(), alice.id(), 100, "SERVICE_DEPOSIT", "VOLUNTEER"));

        PostingResult result = post(
                key(),
                TransferSpec.of(alice.id(), bob.id(), 70, "PAYMENT", "SERVICE"),
                TransferSpec.of(alice.id(), pool.id(), 40, "DONATION", "DONATION"));

        assertThat(result.result()).isEqualTo(Result.INSUFFICIENT_BALANCE);
        assertThat(result.failedIndex()).isEqualTo(1);
        assertThat(balance(alice)).isEqualTo(100);
        assertThat(balance(bob)).isZero();
        assertThat(balance(pool)).isZero();

        PostingResult both = post(
                key(),
                TransferSpec.of(alice.id(), bob.id(), 70, "PAYMENT", "SERVICE"),
                TransferSpec.of(alice.id(), pool.id(), 30, "DONATION", "DONATION"));
        assertThat(both.ok()).isTrue();
        assertThat(both.transfers()).extracting(Transfer::amount).containsExactly(70L, 30L);
        assertThat(balance(alice)).isZero();
        assertThat(ledger.statement(alice.id(), null, 10))
                .extracting(StatementLine::balance)
                .containsExactly(0L, 30L, 100L);
    }

    @Test
    void a_replay_answers_the_first_result_and_other_content_under_the_same_key_is_refused() {
        String key = key();
        PostingResult first = post(key, TransferSpec.of(issuance.id(), alice.id(), 30, "MANUAL_AWARD", "OTHER"));
        PostingResult again = post(key, TransferSpec.of(issuance.id(), alice.id(), 30, "MANUAL_AWARD", "OTHER"));
        PostingResult other = post(key, TransferSpec.of(issuance.id(), alice.id(), 31, "MANUAL_AWARD", "OTHER"));

        assertThat(again.replayed()).isTrue();
        assertThat(again.result()).isEqualTo(Result.OK);
        assertThat(again.requestId()).isEqualTo(first.requestId());
        assertThat(again.transfers()).isEqualTo(first.transfers());
        assertThat(other.result()).isEqualTo(Result.DUPLICATE_WITH_DIFFERENT_CONTENT);
        assertThat(balance(alice)).isEqualTo(30);

        String refusedKey = key();
        PostingResult refused = post(refusedKey, TransferSpec.of(alice.id(), bob.id(), 50, "PAYMENT", "SERVICE"));
        post(key(), TransferSpec.of(issuance.id(), alice.id(), 100, "MANUAL_AWARD", "OTHER"));
        PostingResult refusedAgain = post(refusedKey, TransferSpec.of(alice.id(), bob.id(), 50, "PAYMENT", "SERVICE"));
        assertThat(refused.result()).isEqualTo(Result.INSUFFICIENT_BALANCE);
        assertThat(refusedAgain.result()).as("a decided refusal stays decided").isEqualTo(Result.INSUFFICIENT_BALANCE);
        assertThat(refusedAgain.replayed()).isTrue();
        assertThat(balance(bob)).isZero();
    }

    @Test
    void a_refusal_by_the_posting_feature_is_stored_with_the_key_and_answers_every_retry() {
        String key = key();
        TransferSpec pay = TransferSpec.of(issuance.id(), alice.id(), 30, "MANUAL_AWARD", "OTHER");
        Posting posting = new Posting(CLIENT, key, org.id(), null, List.of(pay));

        PostingResult refused = ledger.refuse(posting, "SPENDING_AGE_NOT_REACHED");
        PostingResult retried = ledger.post(posting);
        PostingResult other = ledger.refuse(
                new Posting(
                        CLIENT,
                        key,
                        org.id(),
                        null,
                        List.of(TransferSpec.of(issuance.id(), alice.id(), 31, "MANUAL_AWARD", "OTHER"))),
                "SPENDING_AGE_NOT_REACHED");

        assertThat(refused.result()).isEqualTo(Result.REFUSED);
        assertThat(refused.code()).isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(refused.requestId()).isNotNull();
        assertThat(retried.replayed()).isTrue();
        assertThat(retried.code()).isEqualTo("SPENDING_AGE_NOT_REACHED");
        assertThat(retried.requestId()).isEqualTo(refused.requestId());
        assertThat(other.result()).isEqualTo(Result.DUPLICATE_WITH_DIFFERENT_CONTENT);
        assertThat(balance(alice)).isZero();

        String postedKey = key();
        PostingResult posted = post(postedKey, pay);
        PostingResult refusedLater =
                ledger.refuse(new Posting(CLIENT, postedKey, org.id(), null, List.of(pay)), "SPENDING_AGE_NOT_REACHED");
        assertThat(refusedLater.result())
                .as("a key already decided keeps its first result")
                .isEqualTo(Result.OK);
        assertThat(refusedLater.requestId()).isEqualTo(posted.requestId());
        assertThat(balance(alice)).isEqualTo(30);
        assertThatThrownBy(() -> ledger.refuse(new Posting(CLIENT, key(), org.id(), null, List.of(pay)), "too young"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_belong_to_their_client() {
        String key = key();
        PostingResult mine = ledger.post(new Posting(
                1, key, org.id(), 1L, List.of(TransferSpec.of(issuance.id(), alice.id(), 5, "MANUAL_AWARD", "OTHER"))));
        PostingResult theirs = ledger.post(new Posting(
                2, key, org.id(), 2L, List.of(TransferSpec.of(issuance.id(), bob.id(), 7, "MANUAL_AWARD", "OTHER"))));

        assertThat(mine.ok()).isTrue();
        assertThat(theirs.ok()).isTrue();
        assertThat(theirs.replayed()).isFalse();
        assertThat(balance(bob)).isEqualTo(7);
    }

    @Test
    void a_reversal_mirrors_its_original_once() {
        Transfer original = post(key(), TransferSpec.of(issuance.id(), alice.id(), 45, "MANUAL_AWARD", "OTHER"))
                .transfers()
                .getFirst();

        PostingResult wrongAmount = post(key(), reversal(original, 44));
        PostingResult reversed = post(key(), reversal(original, 45));
        PostingResult twice = post(key(), reversal(original, 45));

        assertThat(wrongAmount.result()).isEqualTo(Result.REVERSAL_MISMATCH);
        assertThat(reversed.ok()).isTrue();
        assertThat(reversed.transfers().getFirst().reversesId()).isEqualTo(original.id());
        assertThat(twice.result()).isEqualTo(Result.ALREADY_REVERSED);
        assertThat(balance(alice)).isZero();
        assertThat(balance(issuance)).isZero();
        assertThat(ledger.statement(alice.id(), null, 10)).hasSize(2);
        assertThat(post(key(), reversal(original, 45), reversal(original, 45)).result())
                .isEqualTo(Result.ALREADY_REVERSED);
    }

    private static TransferSpec reversal(Transfer original, long amount) {
        return new TransferSpec(
                original.creditAccountId(),
                original.debitAccountId(),
                amount,
                "REVERSAL",
                original.category(),
                "更正",
                null,
                null,
                original.id());
    }

    @Test
    void unknown_accounts_and_different_assets_are_named_results() {
        long unknown = ids.next();
        assertThat(post(key(), TransferSpec.of(issuance.id(), unknown, 5, "MANUAL_AWARD", "OTHER"))
                        .result())
                .isEqualTo(Result.ACCOUNT_NOT_FOUND);

        long points = TestAssets.pointKind(transactions, org, false);
        Account pointsAccount = ledger.open(points, OwnerType.MEMBER, ids.next(), "");
        assertThat(post(key(), TransferSpec.of(issuance.id(), pointsAccount.id(), 5, "MANUAL_AWARD", "OTHER"))
                        .result())
                .isEqualTo(Result.ASSET_MISMATCH);
        assertThat(balance(pointsAccount)).isZero();
    }

    @Test
    void a_point_kind_that_allows_negative_balances_lets_a_member_go_below_zero() {
        long credit = TestAssets.pointKind(transactions, org, true);
        Account source = ledger.open(credit, OwnerType.ISSUANCE, org.id(), org.path());
        Account member = ledger.open(credit, OwnerType.MEMBER, ids.next(), "");

        PostingResult deduction = post(key(), TransferSpec.of(member.id(), source.id(), 100, "LITTERING", "CONDUCT"));

        assertThat(deduction.ok()).isTrue();
        assertThat(balance(member)).isEqualTo(-100);
    }

    @Test
    void a_ceiling_refuses_a_credit_above_it() {
        Account capped = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, TestCeilings.CAPPED_MEMBER, "");
        PostingResult within = post(key(), TransferSpec.of(issuance.id(), capped.id(), 100, "SERVICE_DEPOSIT", "V"));
        PostingResult above = post(key(), TransferSpec.of(issuance.id(), capped.id(), 21, "SERVICE_DEPOSIT", "V"));

        assertThat(within.ok()).isTrue();
        assertThat(above.result()).isEqualTo(Result.LIMIT_EXCEEDED);
        assertThat(balance(capped)).isEqualTo(100);
    }

    @Test
    void input_that_can_never_be_posted_is_refused_before_anything_is_stored() {
        Map<String, TransferSpec> corpus = Map.of(
                LedgerErrors.AMOUNT_NOT_POSITIVE, TransferSpec.of(issuance.id(), alice.id(), 0, "A", "B"),
                LedgerErrors.AMOUNT_TOO_LARGE,
                        TransferSpec.of(issuance.id(), alice.id(), TransferSpec.MAX_AMOUNT + 1, "A", "B"),
                LedgerErrors.SAME_ACCOUNT, TransferSpec.of(alice.id(), alice.id(), 1, "A", "B"),
                LedgerErrors.INVALID_REASON_CODE, TransferSpec.of(issuance.id(), alice.id(), 1, "a; DROP TABLE", "B"),
                LedgerErrors.INVALID_CATEGORY, TransferSpec.of(issuance.id(), alice.id(), 1, "A", ""),
                LedgerErrors.MEMO_TOO_LONG,
                        new TransferSpec(issuance.id(), alice.id(), 1, "A", "B", "长".repeat(201), null, null, null),
                LedgerErrors.INVALID_SOURCE,
                        new TransferSpec(issuance.id(), alice.id(), 1, "A", "B", null, "ACTIVITY", null, null));
        corpus.forEach((code, spec) -> assertThatThrownBy(() -> post(key(), spec))
                .as(code)
                .isInstanceOf(InvalidInputException.class)
                .extracting("code")
                .isEqualTo(code));
        assertThatThrownBy(() -> post(" spaces ", TransferSpec.of(issuance.id(), alice.id(), 1, "A", "B")))
                .extracting("code")
                .isEqualTo(LedgerErrors.INVALID_IDEMPOTENCY_KEY);
        assertThatThrownBy(() -> post(key())).extracting("code").isEqualTo(LedgerErrors.NO_TRANSFERS);
        assertThat(balance(alice)).isZero();
        assertThat(ledger.account(alice.id()).orElseThrow().entries()).isZero();
    }

    @Test
    void sixteen_threads_posting_500_times_each_to_one_account_lose_no_update() throws Exception {
        int threads = 16;
        int each = 500;
        ExecutorService pool16 = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool16.submit(() -> {
                start.await();
                int ok = 0;
                for (int i = 0; i < each; i++) {
                    if (post("t" + thread + "-" + i, TransferSpec.of(issuance.id(), alice.id(), 3, "AWARD", "LOAD"))
                            .ok()) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Integer> f : done) {
            ok += f.get();
        }
        pool16.shutdown();

        assertThat(ok).isEqualTo(threads * each);
        Account after = ledger.account(alice.id()).orElseThrow();
        assertThat(after.balance()).isEqualTo(3L * threads * each);
        assertThat(after.entries()).isEqualTo((long) threads * each);
        assertThat(balance(issuance)).isEqualTo(-3L * threads * each);
    }

    @Test
    void racing_withdrawals_never_overdraw() throws Exception {
        post(key(), TransferSpec.of(issuance.id(), alice.id(), 100, "SERVICE_DEPOSIT", "VOLUNTEER"));
        ExecutorService pool8 = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger insufficient = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool8.submit(() -> {
                start.await();
                for (int i = 0; i < 20; i++) {
                    Result r = post(key(), TransferSpec.of(alice.id(), bob.id(), 1, "PAYMENT", "SERVICE"))
                            .result();
                    (r == Result.OK ? ok : insufficient).incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool8.shutdown();

        assertThat(ok.get()).isEqualTo(100);
        assertThat(insufficient.get()).isEqualTo(60);
        assertThat(balance(alice)).isZero();
        assertThat(balance(bob)).isEqualTo(100);
    }

    @Test
    void the_same_key_sent_three_times_at_random_delays_posts_once() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = key();
            ExecutorService three = Executors.newFixedThreadPool(3);
            Map<Long, Boolean> requestIds = new ConcurrentHashMap<>();
            AtomicLong replays = new AtomicLong();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                done.add(three.submit(() -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(5));
                    PostingResult r = post(key, TransferSpec.of(issuance.id(), bob.id(), 2, "MANUAL_AWARD", "OTHER"));
                    assertThat(r.ok()).isTrue();
                    requestIds.put(r.requestId(), true);
                    if (r.replayed()) {
                        replays.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            three.shutdown();
            assertThat(requestIds).hasSize(1);
            assertThat(replays.get()).isEqualTo(2);
        }
        assertThat(balance(bob)).isEqualTo(20);
    }
}
