package org.gongjian.timebank;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.MemberScopes;
import org.gongjian.ledger.Asset;
import org.gongjian.members.HouseholdRelation;
import org.gongjian.members.Relatives;
import org.gongjian.members.Relatives.Person;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;

/**
 * The time bank's reads: its policies and the flow report over the ledger's tables in SQL; members
 * as the rules need them ({@link Relatives}), their names ({@link MemberScopes}) and organizations
 * by id from the features that own them. Each method runs in the caller's transaction if there is
 * one (the storage cap is read inside the ledger's posting transaction), else in its own.
 */
@Singleton
class TimeBankStore {

    /**
     * One part of the flow report, with the organization account's side, its owner type, the
     * member account's side and whether reversals ({@code NOT}) or originals are read. Each
     * transfer counts for the organization the member belonged to when the (original) transfer was
     * posted: the organization they left by the first 组织关系转接 after it, else their current one.
     */
    private static final String FLOW =
            "SELECT oa.owner_id, o.path, COALESCE((SELECT mt.from_org_id FROM member_transfer mt"
                    + " WHERE mt.member_id = ma.owner_id AND mt.transferred_at > COALESCE(orig.posted_at, t.posted_at)"
                    + " ORDER BY mt.transferred_at LIMIT 1), m.organization_id) AS member_org,"
                    + " COUNT(*), COUNT(DISTINCT ma.owner_id), SUM(t.amount)"
                    + " FROM ledger_transfer t"
                    + " JOIN ledger_account oa ON oa.id = t.%s_account_id AND oa.owner_type = '%s'"
                    + " JOIN ledger_account ma ON ma.id = t.%s_account_id AND ma.owner_type = 'MEMBER'"
                    + " JOIN organization o ON o.id = oa.owner_id"
                    + " JOIN member m ON m.id = ma.owner_id"
                    + " LEFT JOIN ledger_transfer orig ON orig.id = t.reverses_id"
                    + " WHERE t.asset_id = ? AND t.posted_at >= ? AND t.posted_at < ? AND t.reverses_id IS %s NULL"
                    + " GROUP BY oa.owner_id, o.path, member_org";

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    private final MemberScopes scopes;
    private final Relatives relatives;

    TimeBankStore(
            TransactionOperations<Connection> transactions,
            Organizations organizations,
            MemberScopes scopes,
            Relatives relatives) {
        this.transactions = transactions;
        this.relatives = relatives;
        this.organizations = organizations;
        this.scopes = scopes;
    }

    /** An organization's id, kind, name and path. */
    record Org(long id, OrganizationKind kind, String name, String path, boolean archived) {}

    /** One group of the flow report: transfers between organization {@code orgId} and members at {@code memberPath}. */
    record FlowGroup(
            boolean deposit,
            long orgId,
            String orgPath,
            long memberOrgId,
            long transfers,
            long members,
            long minutes) {}

    Optional<Person> person(long memberId) {
        return relatives.person(memberId);
    }

    /** The active members of a household other than {@code exceptMemberId}, by name, with their relation to its head. */
    List<GiftRecipient> householdMembers(long householdId, long exceptMemberId) {
        return relatives.household(householdId).stream()
                .filter(p -> p.id() != exceptMemberId)
                .map(p -> new GiftRecipient(p.id(), p.name(), p.relation()))
                .toList();
    }

    /** The birth dates of the active members of a household with the given relation to its head. */
    List<LocalDate> birthDates(long householdId, HouseholdRelation relation, long exceptMemberId) {
        return relatives.household(householdId).stream()
                .filter(p -> p.id() != exceptMemberId && p.relation() == relation && p.birthDate() != null)
                .map(Person::birthDate)
                .toList();
    }

    /** The policies set by any of the given organizations. */
    Map<Long, TimeBankPolicy> policies(Collection<Long> organizationIds) {
        if (organizationIds.isEmpty()) {
            return Map.of();
        }
        return transactions.executeRead(status -> {
            Map<Long, TimeBankPolicy> policies = new HashMap<>();
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT organization_id, spending_min_age, storage_cap_minutes, gifts_allowed,"
                            + " donations_allowed FROM time_bank_policy WHERE organization_id IN ("
                            + placeholders(organizationIds.size()) + ")")) {
                bind(s, organizationIds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        policies.put(
                                rs.getLong(1),
                                new TimeBankPolicy(rs.getInt(2), rs.getLong(3), rs.getBoolean(4), rs.getBoolean(5)));
                    }
                }
            }
            return policies;
        });
    }

    void savePolicy(long organizationId, TimeBankPolicy policy, Instant at, @Nullable Long userId) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO time_bank_policy (organization_id, spending_min_age,"
                            + " storage_cap_minutes, gifts_allowed, donations_allowed, updated_at, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                            + " spending_min_age = VALUES(spending_min_age),"
                            + " storage_cap_minutes = VALUES(storage_cap_minutes),"
                            + " gifts_allowed = VALUES(gifts_allowed), donations_allowed = VALUES(donations_allowed),"
                            + " updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)")) {
                s.setLong(1, organizationId);
                s.setInt(2, policy.spendingMinAge());
                s.setLong(3, policy.storageCapMinutes());
                s.setBoolean(4, policy.giftsAllowed());
                s.setBoolean(5, policy.donationsAllowed());
                s.setTimestamp(6, Timestamp.from(at));
                if (userId == null) {
                    s.setNull(7, Types.BIGINT);
                } else {
                    s.setLong(7, userId);
                }
                return s.executeUpdate();
            }
        });
    }

    boolean deletePolicy(long organizationId) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("DELETE FROM time_bank_policy WHERE organization_id = ?")) {
                s.setLong(1, organizationId);
                return s.executeUpdate() > 0;
            }
        });
    }

    Map<Long, Org> organizations(Collection<Long> ids) {
        Map<Long, Org> orgs = new HashMap<>();
        organizations
                .find(ids)
                .forEach((id, o) -> orgs.put(id, new Org(id, o.kind(), o.name(), o.path(), o.archivedAt() != null)));
        return orgs;
    }

    /** The names of members by id. */
    Map<Long, String> memberNames(Collection<Long> ids) {
        return scopes.names(ids);
    }

    /**
     * Deposits (issuance account of an organization → member) and spending (member → redemption
     * account of an organization) of the time asset posted in [from, to), grouped by the
     * organization and the member's organization at the time, platform-wide (the caller keeps the
     * groups of its scope: filtering here would not read fewer rows). Reversals posted in the period
     * count negative (transfers and minutes; they add no members), under the original's
     * organizations.
     */
    List<FlowGroup> flows(Instant from, Instant to) {
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            List<FlowGroup> groups = new ArrayList<>();
            for (boolean deposit : new boolean[] {true, false}) {
                for (boolean reversal : new boolean[] {false, true}) {
                    groups.addAll(flowPart(c, deposit, reversal, from, to));
                }
            }
            return groups;
        });
    }

    private static List<FlowGroup> flowPart(Connection c, boolean deposit, boolean reversal, Instant from, Instant to)
            throws SQLException {
        String org = deposit != reversal ? "debit" : "credit";
        String member = deposit != reversal ? "credit" : "debit";
        String sql = String.format(FLOW, org, deposit ? "ISSUANCE" : "REDEMPTION", member, reversal ? "NOT" : "");
        int sign = reversal ? -1 : 1;
        List<FlowGroup> groups = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, Asset.TIME_ID);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    groups.add(new FlowGroup(
                            deposit,
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            sign * rs.getLong(4),
                            reversal ? 0 : rs.getLong(5),
                            sign * rs.getLong(6)));
                }
            }
        }
        return groups;
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static void bind(PreparedStatement s, Collection<Long> ids) throws SQLException {
        int i = 1;
        for (long id : ids) {
            s.setLong(i++, id);
        }
    }
}
