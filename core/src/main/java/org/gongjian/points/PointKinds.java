package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;
import org.gongjian.ledger.Ledger;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * Point kinds (积分类型) an organization defines for its subtree, e.g. 党员积分 in tenths with a
 * yearly reset, or 信用积分 that may go negative. Administrators of the organization define them;
 * everyone who reads an organization sees the kinds usable there (its own and its ancestors').
 */
@Singleton
@AuditsDenials
public class PointKinds {

    static final String CREATED = "POINT_KIND_CREATED";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    private final Ledger ledger;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    PointKinds(
            TransactionOperations<Connection> transactions,
            Organizations organizations,
            Ledger ledger,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.ledger = ledger;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Defines a point kind.
     *
     * @param unitScale 1 (whole points), 10 (tenths) or 100 (hundredths)
     * @param expiryPolicy NEVER, YEARLY (reset after {@code expiryMonthDay}, e.g. "12-31") or ROLLING
     *     (points expire {@code expiryMonths} months after they were earned, 1–120)
     */
    public Asset create(
            Caller caller,
            long organizationId,
            String code,
            String name,
            int unitScale,
            boolean negativeAllowed,
            String expiryPolicy,
            @Nullable String expiryMonthDay,
            @Nullable Integer expiryMonths) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization define point kinds");
        }
        String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CODE.matcher(c).matches() || "TIME".equals(c)) {
            throw new InvalidInputException(PointsErrors.CODE_INVALID, "code", "代码为 2–32 位大写字母、数字或下划线，以字母开头");
        }
        String n = PointsRules.name(name);
        if (unitScale != 1 && unitScale != 10 && unitScale != 100) {
            throw new InvalidInputException(PointsErrors.UNIT_SCALE_INVALID, "unitScale", "最小单位只能是 1、0.1 或 0.01 分");
        }
        String policy = expiryPolicy == null ? "NEVER" : expiryPolicy;
        String monthDay = null;
        Integer months = null;
        switch (policy) {
            case "NEVER" -> {}
            case "YEARLY" -> {
                try {
                    monthDay = MonthDay.parse("--" + expiryMonthDay).toString().substring(2);
                } catch (DateTimeParseException | NullPointerException e) {
                    throw new InvalidInputException(
                            PointsErrors.EXPIRY_INVALID, "expiryMonthDay", "每年清零日期应为 MM-DD，如 12-31");
                }
            }
            case "ROLLING" -> {
                if (expiryMonths == null || expiryMonths < 1 || expiryMonths > 120) {
                    throw new InvalidInputException(PointsErrors.EXPIRY_INVALID, "expiryMonths", "有效月数应在 1–120 之间");
                }
                months = expiryMonths;
            }
            default ->
                throw new InvalidInputException(
                        PointsErrors.EXPIRY_INVALID, "expiryPolicy", "过期方式只能是 NEVER、YEARLY 或 ROLLING");
        }
        long id = ids.next();
        String finalMonthDay = monthDay;
        Integer finalMonths = months;
        try {
            transactions.executeWrite(status -> {
                refuseOverlappingCode(org, c);
                ledger.define(
                        new Asset(
                                id,
                                AssetType.POINTS,
                                c,
                                n,
                                org.id(),
                                org.path(),
                                unitScale,
                                negativeAllowed,
                                policy,
                                finalMonthDay,
                                finalMonths),
                        clock.instant());
                audit.append(caller, CREATED, "POINT_KIND", id, org.id(), org.path(), c + " " + n);
                return null;
            });
        } catch (Exception e) { // the transaction manager rethrows SQLExceptions unwrapped
            if (causedByDuplicate(e)) {
                throw InvalidInputException.conflict(PointsErrors.CODE_TAKEN, "code", "该组织已有同样代码的积分类型");
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return ledger.asset(id).orElseThrow();
    }

    /**
     * A code names one kind wherever it is usable: the organization, its ancestors and its subtree
     * may not already have a kind with it (two {@code VOLUNTEER} kinds would both apply below the
     * lower one). Kinds are created under a lock of the tree's root, so two creations in one tree
     * (say in a street and one of its communities) cannot both pass this check.
     */
    private void refuseOverlappingCode(Organization org, String code) {
        organizations.lockRoot(org.path());
        if (ledger.codeTakenAlong(AssetType.POINTS, code, org.path())) {
            throw InvalidInputException.conflict(PointsErrors.CODE_TAKEN, "code", "上级或下级组织已有同样代码的积分类型");
        }
    }

    /** The point kinds usable at an organization: its own and its ancestors'. */
    public List<Asset> usableAt(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        return ledger.assetsUsableAt(AssetType.POINTS, org.path()).stream()
                .map(id -> ledger.asset(id).orElseThrow())
                .toList();
    }

    /** A point kind usable at {@code orgPath}, or 404 / POINT_KIND_UNKNOWN. */
    Asset usable(long assetId, String orgPath) {
        Asset asset = ledger.asset(assetId)
                .filter(a -> a.type() == AssetType.POINTS)
                .orElseThrow(() -> new NotFoundException("PointKind", assetId));
        if (!orgPath.startsWith(asset.orgPath())) {
            throw new NotFoundException("PointKind", assetId);
        }
        return asset;
    }

    static boolean causedByDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
