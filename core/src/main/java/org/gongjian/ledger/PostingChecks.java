package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.gongjian.ledger.PostingResult.Result;

/**
 * The checks of a request against the accounts {@link PostingEngine} has locked: the channel's
 * rules first, then each transfer in order (accounts, assets, reversals, overflow, balances and
 * ceilings) as the transfers before it apply to the locked state.
 */
final class PostingChecks {

    /** Marks a transfer that already has a reversal. */
    static final Transfer ALREADY_REVERSED =
            new Transfer(0, 0, 0, 0, 0, 0, "", "", null, null, null, null, null, 0, Instant.EPOCH);

    private final List<BalanceCeilings> ceilings;
    private final PostingRules rules;
    private final LedgerAssets assets;

    PostingChecks(List<BalanceCeilings> ceilings, PostingRules rules, LedgerAssets assets) {
        this.ceilings = List.copyOf(ceilings);
        this.rules = rules;
        this.assets = assets;
    }

    /**
     * What the posting's channel may not post (see {@link PostingRules}); transfers between
     * accounts that are missing or of two assets are left to {@link #check}.
     */
    PostingRules.@Nullable Refused channelRefusal(Posting posting, Map<Long, LockedAccount> accounts, String orgPath) {
        List<PostingRules.Leg> legs = new ArrayList<>(posting.transfers().size());
        for (TransferSpec spec : posting.transfers()) {
            LockedAccount debit = accounts.get(spec.debitAccountId());
            LockedAccount credit = accounts.get(spec.creditAccountId());
            if (debit == null || credit == null || debit.assetId != credit.assetId) {
                return null;
            }
            legs.add(new PostingRules.Leg(
                    assets.asset(debit.assetId).orElseThrow(), spec.amount(), spec.reversesId() != null));
        }
        return rules.check(posting.channel(), orgPath, legs);
    }

    /** The first transfer (by index) that cannot be posted, and why. */
    record Refusal(Result result, int index) {}

    @Nullable
    Refusal check(Posting posting, Map<Long, LockedAccount> accounts, Map<Long, Transfer> reversed) {
        Set<Long> reversedHere = new HashSet<>();
        Map<Long, OptionalLong> ceilingOf = new HashMap<>();
        List<TransferSpec> specs = posting.transfers();
        for (int i = 0; i < specs.size(); i++) {
            TransferSpec spec = specs.get(i);
            LockedAccount debit = accounts.get(spec.debitAccountId());
            LockedAccount credit = accounts.get(spec.creditAccountId());
            if (debit == null || credit == null) {
                return new Refusal(Result.ACCOUNT_NOT_FOUND, i);
            }
            if (debit.assetId != credit.assetId) {
                return new Refusal(Result.ASSET_MISMATCH, i);
            }
            if (debit.closed || credit.closed) {
                return new Refusal(Result.ACCOUNT_CLOSED, i);
            }
            if (spec.reversesId() != null) {
                Transfer original = reversed.get(spec.reversesId());
                if (original == ALREADY_REVERSED || !reversedHere.add(spec.reversesId())) {
                    return new Refusal(Result.ALREADY_REVERSED, i);
                }
                if (original == null
                        || original.debitAccountId() != spec.creditAccountId()
                        || original.creditAccountId() != spec.debitAccountId()
                        || original.amount() != spec.amount()) {
                    return new Refusal(Result.REVERSAL_MISMATCH, i);
                }
            }
            Asset asset = assets.asset(debit.assetId).orElseThrow();
            long debitBalance;
            long creditBalance;
            try {
                debitBalance = Math.subtractExact(debit.balance, spec.amount());
                creditBalance = Math.addExact(credit.balance, spec.amount());
                Math.addExact(debit.debits, spec.amount());
                Math.addExact(credit.credits, spec.amount());
            } catch (ArithmeticException e) {
                return new Refusal(Result.OVERFLOW, i);
            }
            if (debit.ownerType.limited() && !asset.negativeAllowed() && debitBalance < 0) {
                return new Refusal(Result.INSUFFICIENT_BALANCE, i);
            }
            OptionalLong ceiling = ceilingOf.computeIfAbsent(credit.id, id -> ceilingFor(credit.snapshot()));
            if (ceiling.isPresent() && creditBalance > ceiling.getAsLong()) {
                return new Refusal(Result.LIMIT_EXCEEDED, i);
            }
            debit.apply(-spec.amount());
            credit.apply(spec.amount());
        }
        return null;
    }

    private OptionalLong ceilingFor(Account account) {
        OptionalLong lowest = OptionalLong.empty();
        for (BalanceCeilings c : ceilings) {
            OptionalLong ceiling = c.ceiling(account);
            if (ceiling.isPresent() && (lowest.isEmpty() || ceiling.getAsLong() < lowest.getAsLong())) {
                lowest = ceiling;
            }
        }
        return lowest;
    }
}
