package org.gongjian.timebank;

import static org.gongjian.timebank.TimeBankErrors.*;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * Time-bank policies per organization, inherited down the tree: the policy in force at an
 * organization is the one set by the deepest organization on its path (itself included), else
 * {@link TimeBankPolicy#DEFAULTS}. Administrators of a subtree set and clear the policies in it;
 * every change is audited in the same transaction.
 */
@Singleton
@AuditsDenials
public class TimeBankPolicies {

    static final String TARGET = "ORGANIZATION";
    public static final String POLICY_SET = "TIME_BANK_POLICY_SET";
    public static final String POLICY_CLEARED = "TIME_BANK_POLICY_CLEARED";

    static final int MAX_AGE = 120;
    static final long MAX_CAP_MINUTES = 6_000_000;

    private final TimeBankStore store;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Clock clock;

    TimeBankPolicies(TimeBankStore store, Organizations organizations, AuditLog audit, Clock clock) {
        this.store = store;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The policy in force at the organization with this materialized path. */
    public TimeBankPolicy effective(String orgPath) {
        return resolve(0, orgPath).policy();
    }

    /** The policy in force at an organization the caller reads, and which organization set it. */
    @Transactional(readOnly = true)
    public PolicyView get(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        return resolve(org.id(), org.path());
    }

    /** Sets the whole policy of an organization the caller administers; it applies to its subtree. */
    @Transactional
    public PolicyView set(Caller caller, long organizationId, PolicyInput input) {
        Organization org = managed(caller, organizationId);
        TimeBankPolicy policy = check(input);
        store.savePolicy(org.id(), policy, clock.instant().truncatedTo(ChronoUnit.MICROS), userId(caller));
        audit.append(
                caller,
                POLICY_SET,
                TARGET,
                org.id(),
                org.id(),
                org.path(),
                "time bank policy: spend from age " + policy.spendingMinAge() + ", cap "
                        + policy.storageCapMinutes() + " min, gifts " + policy.giftsAllowed() + ", donations "
                        + policy.donationsAllowed());
        return resolve(org.id(), org.path());
    }

    /** Removes an organization's own policy: it inherits again. Removing none changes nothing. */
    @Transactional
    public PolicyView clear(Caller caller, long organizationId) {
        Organization org = managed(caller, organizationId);
        if (store.deletePolicy(org.id())) {
            audit.append(caller, POLICY_CLEARED, TARGET, org.id(), org.id(), org.path(), "time bank policy removed");
        }
        return resolve(org.id(), org.path());
    }

    private Organization managed(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only an administrator of the organization sets its time bank policy");
        }
        if (org.archivedAt() != null) {
            throw new InvalidInputException(ORGANIZATION_ARCHIVED, "organizationId", "The organization is archived");
        }
        return org;
    }

    private PolicyView resolve(long organizationId, String orgPath) {
        List<Long> path = pathIds(orgPath);
        Map<Long, TimeBankPolicy> set = store.policies(path);
        for (int i = path.size() - 1; i >= 0; i--) {
            TimeBankPolicy policy = set.get(path.get(i));
            if (policy != null) {
                return PolicyView.of(organizationId, path.get(i), policy);
            }
        }
        return PolicyView.of(organizationId, null, TimeBankPolicy.DEFAULTS);
    }

    /** {@code /1/7/42/} → [1, 7, 42]: the organization and its ancestors, root first. */
    static List<Long> pathIds(String orgPath) {
        List<Long> ids = new ArrayList<>();
        for (String part : orgPath.split("/")) {
            if (!part.isEmpty()) {
                ids.add(Long.parseLong(part));
            }
        }
        return ids;
    }

    private static TimeBankPolicy check(PolicyInput in) {
        if (in == null
                || in.spendingMinAge() == null
                || in.storageCapMinutes() == null
                || in.giftsAllowed() == null
                || in.donationsAllowed() == null) {
            throw new InvalidInputException(
                    POLICY_FIELD_REQUIRED,
                    "policy",
                    "Give spendingMinAge, storageCapMinutes, giftsAllowed and donationsAllowed");
        }
        if (in.spendingMinAge() < 0 || in.spendingMinAge() > MAX_AGE) {
            throw new InvalidInputException(MIN_AGE_INVALID, "spendingMinAge", "The age must be 0-" + MAX_AGE);
        }
        if (in.storageCapMinutes() < 1 || in.storageCapMinutes() > MAX_CAP_MINUTES) {
            throw new InvalidInputException(
                    STORAGE_CAP_INVALID, "storageCapMinutes", "The cap must be 1-" + MAX_CAP_MINUTES + " minutes");
        }
        return new TimeBankPolicy(
                in.spendingMinAge(), in.storageCapMinutes(), in.giftsAllowed(), in.donationsAllowed());
    }

    private static Long userId(Caller caller) {
        return caller.userId() == 0 ? null : caller.userId();
    }
}
