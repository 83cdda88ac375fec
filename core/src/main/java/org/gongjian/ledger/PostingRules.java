package org.gongjian.ledger;

import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which transfers each {@link Channel} may post: the one rule every posting path goes through
 * ({@link Ledger} asks it under the accounts' locks, before its own checks). A refusal is stored
 * as the result of the request's key, like a refusal of the ledger.
 *
 * <ul>
 *   <li>Time moves only through the time bank (its policy, cap and evidence apply) or the
 *       platform's own jobs; by hand only as an exact reversal (a correction):
 *       {@code USE_TIME_BANK}.
 *   <li>Points moved by a person, by hand or as an adjustment, are at most the approval threshold
 *       of the organization per request and point kind (reversals excepted, they undo one transfer exactly
 *       once): {@code APPROVAL_REQUIRED}; more goes through an adjustment that a second
 *       administrator approves.
 *   <li>The time bank moves only time: {@code ASSET_NOT_AVAILABLE}.
 *   <li>Plugins move only points ({@link Channel#PLUGIN}: time is {@code USE_TIME_BANK}), without an
 *       approval threshold: a member pays from the own account, a plugin pays out only what its
 *       limited account holds.
 * </ul>
 */
final class PostingRules {

    static final String USE_TIME_BANK = "USE_TIME_BANK";
    static final String APPROVAL_REQUIRED = "APPROVAL_REQUIRED";
    static final String ASSET_NOT_AVAILABLE = "ASSET_NOT_AVAILABLE";

    private final List<ApprovalThresholds> thresholds;

    PostingRules(List<ApprovalThresholds> thresholds) {
        this.thresholds = List.copyOf(thresholds);
    }

    /** One transfer as the rules see it: its asset and whether it reverses another. */
    record Leg(Asset asset, long amount, boolean reversal) {}

    /** The refusing rule's code and the transfer it refused, or null when the channel may post all. */
    @Nullable
    Refused check(Channel channel, String orgPath, List<Leg> legs) {
        if (channel == Channel.SYSTEM) {
            return null;
        }
        Map<Long, Long> moved = new HashMap<>();
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            boolean time = leg.asset().type() == AssetType.TIME;
            if (time != (channel == Channel.TIME_BANK) && !(time && leg.reversal() && channel == Channel.MANUAL)) {
                return new Refused(time ? USE_TIME_BANK : ASSET_NOT_AVAILABLE, i);
            }
            if (!time && !leg.reversal() && (channel == Channel.MANUAL || channel == Channel.ADJUSTMENT)) {
                long sum = moved.merge(leg.asset().id(), leg.amount(), Long::sum);
                OptionalLong limit = threshold(leg.asset(), orgPath);
                if (limit.isPresent() && sum > limit.getAsLong()) {
                    return new Refused(APPROVAL_REQUIRED, i);
                }
            }
        }
        return null;
    }

    record Refused(String code, int index) {}

    private OptionalLong threshold(Asset asset, String orgPath) {
        OptionalLong lowest = OptionalLong.empty();
        for (ApprovalThresholds t : thresholds) {
            OptionalLong limit = t.threshold(asset, orgPath);
            if (limit.isPresent() && (lowest.isEmpty() || limit.getAsLong() < lowest.getAsLong())) {
                lowest = limit;
            }
        }
        return lowest;
    }
}
