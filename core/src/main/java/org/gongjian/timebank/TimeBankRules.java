package org.gongjian.timebank;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.gongjian.members.Relatives.Person;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.TimeBankResult.Refusal;

/**
 * The third of the time bank's checks: its rules, judged by the policy in force at the member's
 * organization ({@link TimeBankPolicies}). A rule answers the {@link Refusal} it makes, or empty
 * when the operation may go to the ledger.
 */
@Singleton
class TimeBankRules {

    private final TimeBankStore store;
    private final TimeBankPolicies policies;
    private final Clock clock;

    TimeBankRules(TimeBankStore store, TimeBankPolicies policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /** Both members are active (one member: pass it twice). */
    static Optional<Refusal> active(Person a, Person b) {
        return a.active() && b.active() ? Optional.empty() : Optional.of(Refusal.MEMBER_NOT_ACTIVE);
    }

    /** The member (or their spouse) has reached the policy's spending age. */
    Optional<Refusal> spending(Person member) {
        return ageReached(member, policies.effective(member.orgPath()).spendingMinAge())
                ? Optional.empty()
                : Optional.of(Refusal.SPENDING_AGE_NOT_REACHED);
    }

    /** The policy allows gifts, and the receiver is a direct relative of the giver's household ({@link Kinship}). */
    Optional<Refusal> gift(Person giver, Person receiver) {
        if (!giftsAllowed(giver)) {
            return Optional.of(Refusal.GIFTS_NOT_ALLOWED);
        }
        return Kinship.direct(giver.householdId(), giver.relation(), receiver.householdId(), receiver.relation())
                ? Optional.empty()
                : Optional.of(Refusal.NOT_A_DIRECT_RELATIVE);
    }

    boolean giftsAllowed(Person giver) {
        return policies.effective(giver.orgPath()).giftsAllowed();
    }

    /** The policy at the donor's organization allows donations. */
    Optional<Refusal> donation(Person donor) {
        return policies.effective(donor.orgPath()).donationsAllowed()
                ? Optional.empty()
                : Optional.of(Refusal.DONATIONS_NOT_ALLOWED);
    }

    /** The member, or their spouse in the same household (see {@link Kinship#spouseOf}), is at least {@code age}. */
    boolean ageReached(Person member, int age) {
        LocalDate today = today();
        if (member.birthDate() != null
                && Period.between(member.birthDate(), today).getYears() >= age) {
            return true;
        }
        var spouse = Kinship.spouseOf(member.relation());
        if (member.householdId() == null || spouse == null) {
            return false;
        }
        return store.birthDates(member.householdId(), spouse, member.id()).stream()
                .anyMatch(birth -> Period.between(birth, today).getYears() >= age);
    }

    /** Today in the application time zone. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationTime.ZONE));
    }
}
