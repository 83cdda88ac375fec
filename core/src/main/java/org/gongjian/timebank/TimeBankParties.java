package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankErrors.ORGANIZATION_ARCHIVED;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.members.Relatives.Person;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.timebank.TimeBankStore.Org;

/**
 * The second of the time bank's checks: the members and organizations an operation names, as
 * the caller may see them (a member or organization the caller does not see answers {@link
 * NotFoundException} exactly like a missing one; {@link ForbiddenException} where the caller sees
 * but may not act), and their time accounts, opened on first use.
 */
@Singleton
@AuditsDenials
class TimeBankParties {

    private static final Set<OrganizationKind> COMMUNITY_KINDS =
            Set.of(OrganizationKind.COMMUNITY, OrganizationKind.VILLAGE);

    private final Ledger ledger;
    private final TimeBankStore store;

    TimeBankParties(Ledger ledger, TimeBankStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    /** A member the caller reads as staff (404 otherwise). */
    Person readable(Caller caller, long memberId) {
        return store.person(memberId)
                .filter(p -> caller.mayRead(p.orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /** A member the caller reads, or the caller's own member record. */
    Person visible(Caller caller, long memberId) {
        return store.person(memberId)
                .filter(p -> caller.mayRead(p.orgPath()) || isSelf(caller, p.id()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /** The member on whose behalf the caller moves minutes: themself, or a member of a subtree they edit. */
    Person actingFor(Caller caller, long memberId) {
        Person member = visible(caller, memberId);
        if (!isSelf(caller, member.id()) && !caller.mayEdit(member.orgPath())) {
            throw new ForbiddenException("Your role does not move time for this member");
        }
        return member;
    }

    /** The receiving side of a payment or gift: any member of the platform. */
    Person anyMember(long memberId) {
        return store.person(memberId).orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    private static boolean isSelf(Caller caller, long memberId) {
        return caller.memberId() != null && caller.memberId() == memberId;
    }

    /** An organization by id, whether or not the caller reads it (404 if there is none). */
    Org organization(long organizationId) {
        return store.organizations(List.of(organizationId)).values().stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
    }

    /** An organization that records, pools or serves must not be archived. */
    static void usable(Org org) {
        if (org.archived()) {
            throw new InvalidInputException(ORGANIZATION_ARCHIVED, "organizationId", "The organization is archived");
        }
    }

    /** The community of an organization path: the deepest COMMUNITY or VILLAGE on it, else the organization. */
    Org community(String orgPath) {
        return communityOf(orgPath, store.organizations(TimeBankPolicies.pathIds(orgPath)));
    }

    /** As {@link #community}, from the organizations of the path read already. */
    static Org communityOf(String orgPath, Map<Long, Org> orgs) {
        List<Long> ids = TimeBankPolicies.pathIds(orgPath);
        for (int i = ids.size() - 1; i >= 0; i--) {
            Org org = orgs.get(ids.get(i));
            if (org != null && COMMUNITY_KINDS.contains(org.kind())) {
                return org;
            }
        }
        return orgs.get(ids.getLast());
    }

    Account memberAccount(Person member) {
        return ledger.open(Asset.TIME_ID, OwnerType.MEMBER, member.id(), "");
    }

    Account account(OwnerType type, Org org) {
        return ledger.open(Asset.TIME_ID, type, org.id(), org.path());
    }
}
