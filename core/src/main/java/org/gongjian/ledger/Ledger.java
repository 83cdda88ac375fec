package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.PostingResult.Result;
import org.gongjian.organizations.Organizations;

/**
 * The ledger's API: posts transfers, defines assets and reads accounts and history. The work is
 * done by {@link PostingEngine} (posting), {@link LedgerAssets}, {@link LedgerAccounts} and {@link
 * LedgerHistory} (reads of what was posted).
 *
 * <p>{@link #post} and {@link #refuse} join the caller's transaction when there is one (then the
 * caller retries the whole, as {@link #inTransaction} does), else run in a new one retried as a
 * whole on deadlocks and lock timeouts.
 *
 * <p>How a request is applied: its idempotency key is looked up (a replay answers the stored
 * result); the accounts are locked with {@code SELECT ... FOR UPDATE} in id order (so two requests
 * never wait on each other in a cycle); every transfer is checked in order against the locked
 * balances, the balance limits and the ceilings; then the request row, the transfers, two entries
 * per transfer and the accounts' new state are written, or only the request row with the refusal.
 * A concurrent request with the same key collides on the unique key, is retried, and answers the
 * result of the one that committed first.
 */
@Singleton
public class Ledger {

    private final LedgerAssets assets;
    private final LedgerAccounts accounts;
    private final LedgerHistory history;
    private final PostingEngine engine;

    Ledger(
            TransactionOperations<Connection> transactions,
            LedgerChain chain,
            IdGenerator ids,
            Clock clock,
            List<BalanceCeilings> ceilings,
            Organizations organizations,
            List<ApprovalThresholds> thresholds) {
        this.assets = new LedgerAssets(transactions);
        this.accounts = new LedgerAccounts(transactions, ids, clock, assets);
        this.history = new LedgerHistory(transactions);
        this.engine = new PostingEngine(
                transactions, chain, ids, clock, ceilings, organizations, new PostingRules(thresholds), assets);
    }

    /**
     * Posts all transfers of the request or none.
     *
     * @throws org.gongjian.errors.InvalidInputException for what can never be posted (zero or
     *     negative amounts, a bad key or code, ...): nothing is stored, the key stays unused
     */
    public PostingResult post(Posting posting) {
        return engine.post(posting);
    }

    /**
     * Stores a refusal decided by a rule of the feature that posts (e.g. the time bank's spending
     * age) as the result of the request's key, so that a retry answers this first decision instead
     * of judging again: the same key with the same content answers {@link Result#REFUSED} with
     * {@code code} (replayed), with other content {@code DUPLICATE_WITH_DIFFERENT_CONTENT}; a key
     * already decided answers its first result instead. Nothing is posted. Joins the caller's
     * transaction like {@link #post}.
     *
     * @param code the rule's stable code: upper-case letters, digits and underscores, at most 40
     * @throws org.gongjian.errors.InvalidInputException as {@link #post} for a request that could
     *     never be posted
     */
    public PostingResult refuse(Posting posting, String code) {
        return engine.refuse(posting, code);
    }

    /**
     * Runs {@code work} in a transaction retried as a whole on deadlocks and lock timeouts (a new
     * one, or the caller's when it holds one): for features that read balances under {@link #lock}
     * and then post in the same transaction (rules with caps, expiry). {@code work} must be safe to
     * run again.
     */
    public <T> T inTransaction(TransactionCallback<Connection, T> work) {
        return engine.inTransaction(work);
    }

    /** Whether a request with this client and key was already decided (posted or refused). */
    public boolean decided(long clientId, String idempotencyKey) {
        return engine.decided(clientId, idempotencyKey);
    }

    /**
     * Locks accounts in id order until the current transaction ends and answers their state; call
     * it inside {@link #inTransaction}. Missing accounts are absent from the answer.
     */
    public Map<Long, Account> lock(Collection<Long> accountIds) {
        return engine.lock(accountIds);
    }

    /** The account of {@code owner} for {@code assetId}, opened (empty) when it does not exist yet. */
    public Account open(long assetId, OwnerType ownerType, long ownerId, String orgPath) {
        return accounts.open(assetId, ownerType, ownerId, orgPath);
    }

    public Optional<Account> find(long assetId, OwnerType ownerType, long ownerId) {
        return accounts.find(assetId, ownerType, ownerId);
    }

    public Optional<Account> account(long accountId) {
        return accounts.account(accountId);
    }

    /** Every account of a member, for every asset. */
    public List<Account> accountsOf(OwnerType ownerType, long ownerId) {
        return accounts.accountsOf(ownerType, ownerId);
    }

    /**
     * Defines a new asset (a point kind) in the caller's transaction, so that the definition and its
     * audit row commit together; a code taken in the organization fails with the driver's
     * duplicate-key error.
     */
    public void define(Asset asset, Instant at) {
        assets.define(asset, at);
    }

    /**
     * Whether an asset of {@code type} that is not archived has {@code code} at {@code orgPath}, above
     * it or below it (on one line of the tree), read in the caller's transaction.
     */
    public boolean codeTakenAlong(AssetType type, String code, String orgPath) {
        return assets.codeTakenAlong(type, code, orgPath);
    }

    /**
     * The ids of the assets of a type that are not archived and can be used at {@code orgPath}
     * (defined there or above), the platform's first, then by code.
     */
    public List<Long> assetsUsableAt(AssetType type, String orgPath) {
        return assets.usableAt(type, orgPath);
    }

    public Optional<Asset> asset(long assetId) {
        return assets.asset(assetId);
    }

    /**
     * An account's entries, newest first: {@code limit} lines before entry {@code beforeSeq} (all
     * when null), each with its transfer and the other side's account.
     */
    public List<StatementLine> statement(long accountId, @Nullable Long beforeSeq, int limit) {
        return history.statement(accountId, beforeSeq, limit);
    }

    /** The transfers of a stored request, in the order they were requested. */
    public List<Transfer> transfersOf(long requestId) {
        return history.transfersOf(requestId);
    }

    public Optional<Transfer> transfer(long transferId) {
        return history.transfer(transferId);
    }

    /** The month (yyyymm, China time) an instant falls in, as ledger_earning counts it. */
    public static int month(Instant at) {
        return PostingEngine.month(at);
    }

    /** Forgets cached assets, for a change to an asset row (nothing changes one today). */
    void forgetAssets() {
        assets.forget();
    }
}
