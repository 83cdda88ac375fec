package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankChecks.checkKey;
import static org.gongjian.timebank.TimeBankChecks.memo;
import static org.gongjian.timebank.TimeBankChecks.minutes;
import static org.gongjian.timebank.TimeBankChecks.notSame;
import static org.gongjian.timebank.TimeBankChecks.required;
import static org.gongjian.timebank.TimeBankRules.active;

import jakarta.inject.Singleton;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Relatives.Person;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Payment;
import org.gongjian.timebank.TimeBankRequests.Redemption;
import org.gongjian.timebank.TimeBankStore.Org;

/**
 * The operations that take minutes from a member's account: to another member (pay, gift), to a
 * community pool (donate), to an organization for a service (redeem). The caller acts for the
 * member ({@link TimeBankParties#actingFor}); see {@link TimeBank} for the order of checks.
 */
@Singleton
class TimeBankMoves {

    private final TimeBankParties parties;
    private final TimeBankRules rules;
    private final TimeBankStore store;
    private final TimeBankPosting posting;

    TimeBankMoves(TimeBankParties parties, TimeBankRules rules, TimeBankStore store, TimeBankPosting posting) {
        this.parties = parties;
        this.rules = rules;
        this.store = store;
        this.posting = posting;
    }

    TimeBankResult pay(Caller caller, String key, Payment in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), TimeBank.MAX_MINUTES);
        String memo = memo(in.memo());
        Person payer = parties.actingFor(caller, required(in.payerId(), "payerId"));
        Person payee = parties.anyMember(required(in.payeeId(), "payeeId"));
        notSame(payer, payee, "payeeId");
        return posting.post(
                caller,
                key,
                payer.organizationId(),
                active(payer, payee).or(() -> rules.spending(payer)),
                new TransferSpec(
                        parties.memberAccount(payer).id(),
                        parties.memberAccount(payee).id(),
                        minutes,
                        "PAYMENT",
                        "SERVICE",
                        memo,
                        null,
                        null,
                        null),
                TimeBank.PAID,
                payer,
                minutes + " min paid by member " + payer.id() + " to member " + payee.id());
    }

    TimeBankResult gift(Caller caller, String key, Gift in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), TimeBank.MAX_MINUTES);
        String memo = memo(in.memo());
        Person giver = parties.actingFor(caller, required(in.fromMemberId(), "fromMemberId"));
        Person receiver = parties.anyMember(required(in.toMemberId(), "toMemberId"));
        notSame(giver, receiver, "toMemberId");
        return posting.post(
                caller,
                key,
                giver.organizationId(),
                active(giver, receiver).or(() -> rules.gift(giver, receiver)),
                new TransferSpec(
                        parties.memberAccount(giver).id(),
                        parties.memberAccount(receiver).id(),
                        minutes,
                        "GIFT",
                        "GIFT",
                        memo,
                        null,
                        null,
                        null),
                TimeBank.GIFTED,
                giver,
                minutes + " min gifted by member " + giver.id() + " to member " + receiver.id());
    }

    /** Whom the member may gift to: the active direct relatives of their household, if the policy allows gifts. */
    List<GiftRecipient> giftRecipients(Caller caller, long memberId) {
        Person giver = parties.actingFor(caller, memberId);
        if (giver.householdId() == null || !rules.giftsAllowed(giver)) {
            return List.of();
        }
        return store.householdMembers(giver.householdId(), giver.id()).stream()
                .filter(r -> Kinship.direct(giver.householdId(), giver.relation(), giver.householdId(), r.relation()))
                .toList();
    }

    TimeBankResult donate(Caller caller, String key, Donation in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), TimeBank.MAX_MINUTES);
        String memo = memo(in.memo());
        Person donor = parties.actingFor(caller, required(in.memberId(), "memberId"));
        Org pool;
        if (in.organizationId() == null) {
            pool = parties.community(donor.orgPath());
        } else {
            pool = parties.organization(in.organizationId());
            if (!caller.mayRead(pool.path()) && !donor.orgPath().startsWith(pool.path())) {
                throw new NotFoundException("Organization", pool.id());
            }
        }
        TimeBankParties.usable(pool);
        return posting.post(
                caller,
                key,
                donor.organizationId(),
                active(donor, donor).or(() -> rules.donation(donor)),
                new TransferSpec(
                        parties.memberAccount(donor).id(),
                        parties.account(OwnerType.POOL, pool).id(),
                        minutes,
                        "DONATION",
                        "DONATION",
                        memo,
                        null,
                        null,
                        null),
                TimeBank.DONATED,
                donor,
                minutes + " min donated by member " + donor.id() + " to the pool of organization " + pool.id());
    }

    TimeBankResult redeem(Caller caller, String key, Redemption in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), TimeBank.MAX_MINUTES);
        String memo = memo(in.memo());
        Person member = parties.actingFor(caller, required(in.memberId(), "memberId"));
        Org at = parties.organization(required(in.organizationId(), "organizationId"));
        TimeBankParties.usable(at);
        return posting.post(
                caller,
                key,
                member.organizationId(),
                active(member, member).or(() -> rules.spending(member)),
                new TransferSpec(
                        parties.memberAccount(member).id(),
                        parties.account(OwnerType.REDEMPTION, at).id(),
                        minutes,
                        "REDEMPTION",
                        "SERVICE",
                        memo,
                        null,
                        null,
                        null),
                TimeBank.REDEEMED,
                member,
                minutes + " min spent by member " + member.id() + " at organization " + at.id());
    }
}
