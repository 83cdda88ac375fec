package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * Per-organization points settings, inherited by the subtree (the deepest organization with
 * settings wins): the manual adjustment above which a second administrator must approve (in whole
 * points; default 50) and the volunteer star thresholds in hours (default 100/300/600/1000/1500,
 * 中国社区志愿者注册管理办法; Beijing uses 100/200/500/800/1000).
 */
@Singleton
@AuditsDenials
public class PointsSettings {

    public static final long DEFAULT_APPROVAL_THRESHOLD = 50;
    public static final List<Integer> DEFAULT_STAR_HOURS = List.of(100, 300, 600, 1000, 1500);

    /**
     * Effective settings at an organization.
     *
     * @param inherited whether they are not the organization's own (an ancestor's or the defaults)
     * @param definedBy the organization that set them, or null when the platform's defaults apply
     * @param definedByName that organization's name
     */
    @Serdeable
    public record Settings(
            long approvalThreshold,
            List<Integer> starHours,
            boolean inherited,
            @Nullable Long definedBy,
            @Nullable String definedByName) {}

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Clock clock;

    PointsSettings(
            TransactionOperations<Connection> transactions, Organizations organizations, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    public Settings effective(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        return at(org.path(), org.path());
    }

    /** The settings that apply at a path (no caller check: for services that already checked). */
    Settings at(String orgPath) {
        return at(orgPath, null);
    }

    private Settings at(String orgPath, String ownPath) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT s.approval_threshold, s.star_hours, s.org_path, s.organization_id"
                            + " FROM points_settings s"
                            + " WHERE ? LIKE CONCAT(s.org_path, '%') ORDER BY LENGTH(s.org_path) DESC LIMIT 1")) {
                s.setString(1, orgPath);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return new Settings(DEFAULT_APPROVAL_THRESHOLD, DEFAULT_STAR_HOURS, true, null, null);
                    }
                    return new Settings(
                            rs.getLong(1),
                            parse(rs.getString(2)),
                            !rs.getString(3).equals(ownPath),
                            rs.getLong(4),
                            organizations.find(rs.getLong(4)).orElseThrow().name());
                }
            }
        });
    }

    /**
     * Drops the organization's own settings, so that it follows its parents' (or the platform's
     * defaults) again; audited. Nothing to drop changes nothing and writes no audit row.
     */
    public Settings clear(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization change its points settings");
        }
        transactions.executeWrite(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("DELETE FROM points_settings WHERE organization_id = ?")) {
                s.setLong(1, org.id());
                if (s.executeUpdate() > 0) {
                    audit.append(
                            caller,
                            "POINTS_SETTINGS_CLEARED",
                            "ORGANIZATION",
                            org.id(),
                            org.id(),
                            org.path(),
                            "points settings removed: the organization follows its parents again");
                }
            }
            return null;
        });
        return at(org.path(), org.path());
    }

    public Settings set(Caller caller, long organizationId, long approvalThreshold, List<Integer> starHours) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization change its points settings");
        }
        if (approvalThreshold < 1 || approvalThreshold > 1_000_000) {
            throw new InvalidInputException(
                    PointsErrors.THRESHOLD_INVALID, "approvalThreshold", "审批阈值应在 1–1000000 分之间");
        }
        if (starHours == null
                || starHours.size() != 5
                || starHours.stream().anyMatch(java.util.Objects::isNull)
                || starHours.getFirst() < 1) {
            throw new InvalidInputException(PointsErrors.STAR_HOURS_INVALID, "starHours", "星级门槛需 5 个正整数小时数，逐级递增");
        }
        for (int i = 1; i < starHours.size(); i++) {
            if (starHours.get(i) <= starHours.get(i - 1) || starHours.get(i) > 100_000) {
                throw new InvalidInputException(PointsErrors.STAR_HOURS_INVALID, "starHours", "星级门槛需 5 个正整数小时数，逐级递增");
            }
        }
        String hours = String.join(",", starHours.stream().map(String::valueOf).toList());
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("INSERT INTO points_settings (organization_id, org_path, approval_threshold,"
                            + " star_hours, updated_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                            + " approval_threshold = VALUES(approval_threshold), star_hours = VALUES(star_hours),"
                            + " updated_at = VALUES(updated_at)")) {
                s.setLong(1, org.id());
                s.setString(2, org.path());
                s.setLong(3, approvalThreshold);
                s.setString(4, hours);
                s.setTimestamp(5, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
            audit.append(
                    caller,
                    "POINTS_SETTINGS_CHANGED",
                    "ORGANIZATION",
                    org.id(),
                    org.id(),
                    org.path(),
                    "approvalThreshold=" + approvalThreshold + " starHours=" + hours);
            return null;
        });
        return at(org.path(), org.path());
    }

    private static List<Integer> parse(String hours) {
        return Arrays.stream(hours.split(",")).map(Integer::valueOf).toList();
    }
}
