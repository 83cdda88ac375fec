package org.gongjian.members;

import static org.gongjian.members.MemberErrors.*;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.api.ErrorCodes;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * Households (户): created in an organization, holding members with their relation to the head.
 * A member is in one household at most; at most one member is the head. Scoped like {@link
 * Members}: a household outside the caller's subtree is not found.
 */
@Singleton
@AuditsDenials
public class Households {

    static final String TARGET = "HOUSEHOLD";
    static final int MAX_MEMBERS = 20;

    private final MemberStore store;
    private final HouseholdStore households;
    private final Organizations organizations;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    Households(
            MemberStore store,
            HouseholdStore households,
            Organizations organizations,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.store = store;
        this.households = households;
        this.organizations = organizations;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates an empty household in an organization the caller may edit. */
    @Transactional
    public Household create(Caller caller, @Nullable Long organizationId, @Nullable String address) {
        if (organizationId == null) {
            throw new InvalidInputException(ORGANIZATION_REQUIRED, "organizationId", "Choose the organization");
        }
        Organization org = organizations
                .find(organizationId)
                .filter(o -> caller.mayRead(o.path()))
                .orElseThrow(() ->
                        new InvalidInputException(ORGANIZATION_UNKNOWN, "organizationId", "No such organization"));
        if (org.archivedAt() != null) {
            throw new InvalidInputException(ORGANIZATION_ARCHIVED, "organizationId", "The organization is archived");
        }
        if (!caller.mayEdit(org.path())) {
            throw new ForbiddenException("Your role does not record households here");
        }
        HouseholdStore.HouseholdRow row =
                new HouseholdStore.HouseholdRow(ids.next(), org.id(), org.path(), MemberRules.address(address), now());
        households.insert(row);
        audit.append(caller, "HOUSEHOLD_CREATED", TARGET, row.id(), org.id(), org.path(), "household " + row.id());
        return view(caller, row);
    }

    @Transactional(readOnly = true)
    public Household get(Caller caller, long householdId) {
        return view(caller, readable(caller, householdId, false));
    }

    /**
     * Sets who belongs to a household: the listed members (each with a relation) are placed in
     * it, and its members the caller may edit who are not listed leave it.
     */
    @Transactional
    public Household setMembers(Caller caller, long householdId, @Nullable List<HouseholdPlacement> placements) {
        HouseholdStore.HouseholdRow household = readable(caller, householdId, true);
        if (!caller.mayEdit(household.orgPath())) {
            throw new ForbiddenException("Your role does not change households here");
        }
        if (placements == null) {
            // never read as "no members": that would empty the household
            throw new InvalidInputException(ErrorCodes.MISSING_FIELD, "members", "List the household's members");
        }
        List<HouseholdPlacement> wanted = placements;
        if (wanted.size() > MAX_MEMBERS) {
            throw new InvalidInputException(
                    HOUSEHOLD_TOO_LARGE, "members", "A household has at most " + MAX_MEMBERS + " members");
        }
        Map<Long, HouseholdRelation> relations = new HashMap<>();
        Map<Long, StoredMember> listed = new HashMap<>();
        int heads = 0;
        for (HouseholdPlacement placement : wanted) {
            if (placement == null || placement.memberId() == null) {
                throw new InvalidInputException(MEMBER_UNKNOWN, "members", "Name each member by id");
            }
            long memberId = placement.memberId();
            if (relations.containsKey(memberId)) {
                throw new InvalidInputException(
                        MEMBER_LISTED_TWICE, "members", "Member " + memberId + " is listed twice");
            }
            if (placement.relation() == null || placement.relation().isBlank()) {
                throw new InvalidInputException(RELATION_INVALID, "relation", "Give each member's relation");
            }
            HouseholdRelation relation =
                    MemberRules.parse(HouseholdRelation.class, placement.relation(), RELATION_INVALID, "relation");
            heads += relation == HouseholdRelation.HEAD ? 1 : 0;
            StoredMember member = store.find(memberId, true)
                    .filter(m -> caller.mayRead(m.member().orgPath()))
                    .orElseThrow(() -> new InvalidInputException(MEMBER_UNKNOWN, "members", "No such member"));
            if (!caller.mayEdit(member.member().orgPath())) {
                throw new ForbiddenException("Your role does not change member " + memberId);
            }
            Long current = member.member().householdId();
            if (current != null && current != householdId) {
                throw new InvalidInputException(
                        MEMBER_IN_OTHER_HOUSEHOLD, "members", "Member " + memberId + " belongs to another household");
            }
            relations.put(memberId, relation);
            listed.put(memberId, member);
        }
        if (heads > 1) {
            throw new InvalidInputException(HOUSEHOLD_HEAD_TWICE, "members", "A household has one head");
        }

        Instant now = now();
        Set<Long> changed = new HashSet<>();
        for (StoredMember present : households.members(householdId)) {
            Member m = present.member();
            if (!relations.containsKey(m.id()) && caller.mayEdit(m.orgPath())) {
                households.place(m.id(), null, null, now);
                audit.append(
                        caller,
                        "MEMBER_HOUSEHOLD_CHANGED",
                        Members.TARGET,
                        m.id(),
                        m.organizationId(),
                        m.orgPath(),
                        "left household " + householdId);
                changed.add(m.id());
            }
        }
        for (var entry : relations.entrySet()) {
            Member m = listed.get(entry.getKey()).member();
            if (Objects.equals(m.householdId(), householdId) && m.householdRelation() == entry.getValue()) {
                continue;
            }
            households.place(m.id(), householdId, entry.getValue(), now);
            audit.append(
                    caller,
                    "MEMBER_HOUSEHOLD_CHANGED",
                    Members.TARGET,
                    m.id(),
                    m.organizationId(),
                    m.orgPath(),
                    "in household " + householdId + " as " + entry.getValue());
            changed.add(m.id());
        }
        if (!changed.isEmpty()) {
            audit.append(
                    caller,
                    "HOUSEHOLD_MEMBERS_CHANGED",
                    TARGET,
                    householdId,
                    household.organizationId(),
                    household.orgPath(),
                    changed.size() + " members changed");
        }
        return view(caller, household);
    }

    /**
     * Adds one member to a household (or changes their relation), keeping its other members: the
     * same rules as {@link #setMembers}.
     */
    @Transactional
    public Household addMember(Caller caller, long householdId, long memberId, String relation) {
        HouseholdStore.HouseholdRow household = readable(caller, householdId, true);
        List<HouseholdPlacement> placements = new ArrayList<>();
        for (StoredMember present : households.members(household.id())) {
            Member m = present.member();
            if (m.id() != memberId && caller.mayRead(m.orgPath())) {
                placements.add(
                        new HouseholdPlacement(m.id(), m.householdRelation().name()));
            }
        }
        placements.add(new HouseholdPlacement(memberId, relation));
        return setMembers(caller, householdId, placements);
    }

    private HouseholdStore.HouseholdRow readable(Caller caller, long householdId, boolean forUpdate) {
        return households
                .find(householdId, forUpdate)
                .filter(h -> caller.mayRead(h.orgPath()))
                .orElseThrow(() -> new NotFoundException("Household", householdId));
    }

    private Household view(Caller caller, HouseholdStore.HouseholdRow row) {
        List<Household.HouseholdMember> members = new ArrayList<>();
        for (StoredMember stored : households.members(row.id())) {
            Member m = stored.member();
            if (caller.mayRead(m.orgPath())) {
                members.add(new Household.HouseholdMember(m.id(), m.name(), m.householdRelation()));
            }
        }
        return new Household(row.id(), row.organizationId(), row.address(), row.createdAt(), members);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
