package org.gongjian.points;

import java.util.List;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;

/**
 * A new community of its own with two administrators, a staff member, a point kind (tenths, no
 * negative balances, no expiry) and one member, made through the real services.
 */
record PointsCommunity(Organization org, Caller admin, Caller secondAdmin, Caller staff, Asset kind, long member) {

    static PointsCommunity create(Organizations organizations, PointKinds kinds, Members members, long firstUserId) {
        Organization org = organizations.createRoot(OrganizationKind.COMMUNITY, "积分社区" + UUID.randomUUID());
        Caller admin = caller(firstUserId, "admin", Role.ORG_ADMIN, org);
        Asset kind = kinds.create(
                admin,
                org.id(),
                "K" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000),
                "志愿积分",
                10,
                false,
                "NEVER",
                null,
                null);
        long member = members.create(Caller.system(), MemberInput.named(org.id(), "积分甲"))
                .id();
        return new PointsCommunity(
                org,
                admin,
                caller(firstUserId + 1, "admin2", Role.ORG_ADMIN, org),
                caller(firstUserId + 2, "staff", Role.ORG_STAFF, org),
                kind,
                member);
    }

    private static Caller caller(long userId, String name, Role role, Organization org) {
        return new Caller(userId, name + "-" + userId, null, List.of(new Grant(role, org.id(), org.path())));
    }
}
