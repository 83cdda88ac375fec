package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Ledger;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.PoolGrant;
import org.gongjian.timebank.TimeBankRequests.Redemption;
import org.gongjian.timebank.TimeBankResult.Refusal;

/**
 * The time-bank operations, on behalf of a {@link Caller}, each posted through the {@link Ledger}
 * with the caller's idempotency key (so never inside a transaction of the caller's own). The
 * service that the API, the UI and plugins call; the work is done by {@link TimeBankDeposits}
 * (deposit, grant), {@link TimeBankMoves} (pay, gift, donate, redeem) and {@link
 * TimeBankReports} (balance, statement, flows).
 *
 * <p>Order of checks, the same for every operation: the input (400, {@link TimeBankErrors}, in
 * {@link TimeBankChecks}); the members and organizations named, which the caller must see (404
 * exactly like missing ones; {@link ForbiddenException} where the caller sees but may not act; in
 * {@link TimeBankParties}); then, unless this key was already used (a retry is answered by the
 * ledger with its first result, whatever changed since), the time bank's rules ({@link Refusal},
 * in {@link TimeBankRules}, stored with the key like a ledger refusal: a retry answers the same
 * refusal, and once the reason is gone the client sends a new key); then the ledger posts or
 * refuses (INSUFFICIENT_BALANCE, LIMIT_EXCEEDED for the storage cap, ...). A new posting and its
 * audit row are written in one transaction ({@link TimeBankPosting}); a retry never audits again.
 *
 * <p>Who acts for a member (pay, gift, donate, redeem): the member signed in as themself, or staff
 * and administrators of the member's subtree. The other side of a payment or gift and the place of
 * a redemption may be anywhere on the platform (通存通兑).
 */
@Singleton
@AuditsDenials
public class TimeBank {

    /** The most one deposit may record: a day. */
    public static final long MAX_DEPOSIT_MINUTES = 24 * 60;

    /** The most any other operation moves at once (100,000 h, beyond any cap). */
    public static final long MAX_MINUTES = 6_000_000;

    static final int REASON_MAX = 80;
    static final int EVIDENCE_MAX = 100;
    static final int MEMO_MAX = 100;
    static final int STATEMENT_MAX = 200;
    static final int PERIOD_MAX_DAYS = 366;

    public static final String DEPOSITED = "TIME_BANK_DEPOSIT";
    public static final String PAID = "TIME_BANK_PAYMENT";
    public static final String GIFTED = "TIME_BANK_GIFT";
    public static final String DONATED = "TIME_BANK_DONATION";
    public static final String REDEEMED = "TIME_BANK_REDEMPTION";
    public static final String GRANTED = "TIME_BANK_POOL_GRANT";

    private final TimeBankDeposits deposits;
    private final TimeBankMoves moves;
    private final TimeBankReports reports;

    TimeBank(TimeBankDeposits deposits, TimeBankMoves moves, TimeBankReports reports) {
        this.deposits = deposits;
        this.moves = moves;
        this.reports = reports;
    }

    /**
     * Records service for a member (存入): from the issuance account of the recording organization,
     * which the caller edits, to a member the caller reads. The activities feature calls this with
     * source {@code ACTIVITY} and the activity's id.
     */
    public TimeBankResult deposit(Caller caller, String key, Deposit in) {
        return deposits.deposit(caller, key, in);
    }

    /**
     * Checks a deposit's minutes, reason, evidence and source exactly as {@link #deposit} does,
     * without reading anything: forms call it to validate as the user types.
     *
     * @throws InvalidInputException the first problem, with its code and field
     */
    public static void checkInput(Deposit in) {
        TimeBankChecks.deposit(in);
    }

    /**
     * Checks the minutes and memo of a payment, gift, donation or redemption exactly as those
     * operations do, without reading anything: forms call it to validate as the user types.
     *
     * @throws InvalidInputException the first problem, with its code and field
     */
    public static void checkMove(@Nullable Long minutes, @Nullable String memo) {
        TimeBankChecks.minutes(minutes, MAX_MINUTES);
        TimeBankChecks.memo(memo);
    }

    /** A member pays another member for a service (支付); the payer must have reached the spending age (or their spouse). */
    public TimeBankResult pay(Caller caller, String key, Payment in) {
        return moves.pay(caller, key, in);
    }

    /** A member gifts minutes to a direct relative of their household (转赠), at any age, if the policy allows. */
    public TimeBankResult gift(Caller caller, String key, Gift in) {
        return moves.gift(caller, key, in);
    }

    /**
     * A member donates minutes to a community pool (捐赠): their community's (the nearest COMMUNITY
     * or VILLAGE on their organization's path, else their organization), or the pool of an
     * organization the caller reads or that lies on the member's path.
     */
    public TimeBankResult donate(Caller caller, String key, Donation in) {
        return moves.donate(caller, key, in);
    }

    /**
     * A member spends minutes for a service received at an organization (支取), any organization of
     * the platform (通存通兑); the spending age applies as for payments.
     */
    public TimeBankResult redeem(Caller caller, String key, Redemption in) {
        return moves.redeem(caller, key, in);
    }

    /** An administrator of the pool's organization gives minutes to a member in need they read; no age rule. */
    public TimeBankResult grant(Caller caller, String key, PoolGrant in) {
        return deposits.grant(caller, key, in);
    }

    /** A member's balance in minutes and hours, with the policy in force; for readers of the member and the member. */
    public TimeBankAccount account(Caller caller, long memberId) {
        return reports.account(caller, memberId);
    }

    /**
     * A member's statement, newest first: {@code limit} (1–{@value #STATEMENT_MAX}) lines before
     * entry {@code beforeSeq} (from the newest when null), each with its reason and category.
     */
    public List<StatementEntry> statement(Caller caller, long memberId, @Nullable Long beforeSeq, int limit) {
        return reports.statement(caller, memberId, beforeSeq, limit);
    }

    /**
     * 通存通兑 in an organization's subtree over the days {@code from}–{@code to} (inclusive, in the
     * application time zone {@link org.gongjian.time.ApplicationTime#ZONE}; the current month when
     * both are absent): per pair of communities, what organizations deposited for members and what
     * members spent at organizations.
     */
    public FlowReport flows(Caller caller, long organizationId, @Nullable LocalDate from, @Nullable LocalDate to) {
        return reports.flows(caller, organizationId, from, to);
    }

    /**
     * Whom the member may gift minutes to (转赠): the active direct relatives of their household (see
     * {@link Kinship}); empty when the policy in force does not allow gifts or the member has no
     * household. The caller acts for the member as for {@link #gift}.
     */
    public List<GiftRecipient> giftRecipients(Caller caller, long memberId) {
        return moves.giftRecipients(caller, memberId);
    }

    /** The member a volunteer signs in as, for the self-service API. */
    public long self(Caller caller) {
        if (caller.memberId() == null) {
            throw new NotFoundException("Member of user", caller.userId());
        }
        return caller.memberId();
    }
}
