package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankChecks.checkKey;
import static org.gongjian.timebank.TimeBankChecks.minutes;
import static org.gongjian.timebank.TimeBankChecks.required;
import static org.gongjian.timebank.TimeBankRules.active;

import jakarta.inject.Singleton;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Relatives.Person;
import org.gongjian.timebank.TimeBankChecks.CheckedDeposit;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankRequests.PoolGrant;
import org.gongjian.timebank.TimeBankStore.Org;

/**
 * The operations that bring minutes to a member from an organization: a deposit for service from
 * the recording organization's issuance account, a grant from a community pool. Staff act here,
 * never the member; see {@link TimeBank} for the order of checks.
 */
@Singleton
@AuditsDenials
class TimeBankDeposits {

    private final TimeBankParties parties;
    private final TimeBankPosting posting;

    TimeBankDeposits(TimeBankParties parties, TimeBankPosting posting) {
        this.parties = parties;
        this.posting = posting;
    }

    TimeBankResult deposit(Caller caller, String key, Deposit in) {
        checkKey(key);
        CheckedDeposit checked = TimeBankChecks.deposit(in);
        long minutes = checked.minutes();
        String memo = checked.reason() + "｜证明：" + checked.evidence();
        Person member = parties.readable(caller, required(in.memberId(), "memberId"));
        Org org = in.organizationId() == null
                ? parties.organization(member.organizationId())
                : parties.organization(in.organizationId());
        if (!caller.mayRead(org.path())) {
            throw new NotFoundException("Organization", org.id());
        }
        if (!caller.mayEdit(org.path())) {
            throw new ForbiddenException("Your role does not record service for this organization");
        }
        TimeBankParties.usable(org);
        return posting.post(
                caller,
                key,
                org.id(),
                active(member, member),
                new TransferSpec(
                        parties.account(OwnerType.ISSUANCE, org).id(),
                        parties.memberAccount(member).id(),
                        minutes,
                        "SERVICE_DEPOSIT",
                        "VOLUNTEER",
                        memo,
                        in.sourceType(),
                        in.sourceRef(),
                        null),
                TimeBank.DEPOSITED,
                member,
                minutes + " min deposited by organization " + org.id() + " for member " + member.id());
    }

    TimeBankResult grant(Caller caller, String key, PoolGrant in) {
        checkKey(key);
        long minutes = minutes(in.minutes(), TimeBank.MAX_MINUTES);
        String reason = TimeBankChecks.reason(in.reason());
        Org pool = parties.organization(required(in.organizationId(), "organizationId"));
        if (!caller.mayRead(pool.path())) {
            throw new NotFoundException("Organization", pool.id());
        }
        if (!caller.mayManage(pool.path())) {
            throw new ForbiddenException("Only an administrator of the organization grants from its pool");
        }
        TimeBankParties.usable(pool);
        Person member = parties.readable(caller, required(in.memberId(), "memberId"));
        return posting.post(
                caller,
                key,
                pool.id(),
                active(member, member),
                new TransferSpec(
                        parties.account(OwnerType.POOL, pool).id(),
                        parties.memberAccount(member).id(),
                        minutes,
                        "POOL_GRANT",
                        "ASSISTANCE",
                        reason,
                        null,
                        null,
                        null),
                TimeBank.GRANTED,
                member,
                minutes + " min granted from the pool of organization " + pool.id() + " to member " + member.id());
    }
}
