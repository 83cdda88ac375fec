package org.gongjian.points;

import static org.gongjian.database.Jdbc.nullableLong;
import static org.gongjian.database.Jdbc.setLong;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEvents;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * The rules editor's service: define, list, edit (by versions) and archive rules of an
 * organization's subtree.
 */
@Singleton
@AuditsDenials
public class PointsRules {

    static final String CREATED = "POINTS_RULE_CREATED";
    static final String ARCHIVED = "POINTS_RULE_ARCHIVED";
    static final String CHANGED = "POINTS_RULE_CHANGED";
    static final String COLUMNS = "id, lineage_id, version, supersedes_id, superseded_by, asset_id, organization_id,"
            + " name, event_type, condition_key, condition_value, min_quantity, formula, points, per_units, cap_day,"
            + " cap_week, cap_month, cap_year, category, valid_from, valid_to, archived_at";

    /** The most points (smallest units) one rule may give or take per event: 100,000. */
    static final long POINTS_MAX = 100_000;

    /** The largest cap or minimum quantity: a billion. */
    static final long CAP_MAX = 1_000_000_000L;

    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    private final PointKinds kinds;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final org.gongjian.members.Members members;
    private final DomainEvents events;

    PointsRules(
            TransactionOperations<Connection> transactions,
            Organizations organizations,
            PointKinds kinds,
            AuditLog audit,
            IdGenerator ids,
            Clock clock,
            org.gongjian.members.Members members,
            DomainEvents events) {
        this.members = members;
        this.events = events;
        this.transactions = transactions;
        this.organizations = organizations;
        this.kinds = kinds;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    public PointsRule create(Caller caller, RuleInput in) {
        Organization org = organizations.get(caller, in.organizationId());
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization define rules");
        }
        kinds.usable(in.assetId(), org.path());
        Checked checked = check(in);
        long id = ids.next();
        transactions.executeWrite(status -> {
            insert(status.getConnection(), caller, org, in, checked, id, id, 1, null);
            audit.append(caller, CREATED, "POINTS_RULE", id, org.id(), org.path(), checked.name());
            return null;
        });
        return find(id).orElseThrow();
    }

    /**
     * Edits a rule by adding its next version: {@code ruleId} (the version the editor read) is
     * archived and superseded, the new version inserted, in one transaction and audited. Points
     * already posted stay as they are; caps keep counting across the versions. Kind and
     * organization cannot change. Scoped and authorized like {@link #create}: a rule outside the
     * caller's subtree is not found, only administrators of its organization edit it.
     *
     * @throws RuleNotCurrentException when {@code ruleId} was replaced by another edit or stopped,
     *     also when that happens concurrently: of two edits of one version, one wins
     */
    public PointsRule edit(Caller caller, long ruleId, RuleInput in) {
        PointsRule old = find(ruleId).orElseThrow(() -> new NotFoundException("PointsRule", ruleId));
        Organization org = organizations
                .find(caller, old.organizationId())
                .orElseThrow(() -> new NotFoundException("PointsRule", ruleId));
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization edit rules");
        }
        if (old.archived()) {
            throw notCurrent(old);
        }
        if (in.assetId() != old.assetId()) {
            throw new InvalidInputException(PointsErrors.RULE_SCOPE_FIXED, "assetId", "规则的积分类型不能修改；请停用后新建");
        }
        if (in.organizationId() != old.organizationId()) {
            throw new InvalidInputException(PointsErrors.RULE_SCOPE_FIXED, "organizationId", "规则所属组织不能修改；请停用后新建");
        }
        kinds.usable(in.assetId(), org.path());
        Checked checked = check(in);
        long id = ids.next();
        int version = old.version() + 1;
        transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement s = c.prepareStatement("UPDATE points_rule SET archived_at = ?, superseded_by = ?"
                    + " WHERE id = ? AND archived_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, id);
                s.setLong(3, ruleId);
                if (s.executeUpdate() == 0) {
                    throw notCurrent(find(c, ruleId).orElseThrow());
                }
            }
            try {
                insert(c, caller, org, in, checked, id, old.lineageId(), version, ruleId);
            } catch (SQLIntegrityConstraintViolationException e) {
                // (lineage, version) taken: another edit of the same version won (not reachable while
                // the update above holds the row, kept as the database's guarantee)
                throw new RuleNotCurrentException(ruleId, PointsErrors.RULE_CHANGED_MEANWHILE);
            }
            audit.append(
                    caller,
                    CHANGED,
                    "POINTS_RULE",
                    id,
                    org.id(),
                    org.path(),
                    "version " + version + " of " + old.lineageId() + " supersedes " + ruleId + ": " + checked.name());
            return null;
        });
        return find(id).orElseThrow();
    }

    /** Every version of the rule's lineage, oldest first (the history of what decided points). */
    public List<PointsRule> versions(Caller caller, long ruleId) {
        PointsRule rule = find(ruleId).orElseThrow(() -> new NotFoundException("PointsRule", ruleId));
        organizations
                .find(caller, rule.organizationId())
                .orElseThrow(() -> new NotFoundException("PointsRule", ruleId));
        return query("SELECT " + COLUMNS + " FROM points_rule WHERE lineage_id = ? ORDER BY version", rule.lineageId());
    }

    private static RuleNotCurrentException notCurrent(PointsRule rule) {
        return new RuleNotCurrentException(
                rule.id(), rule.superseded() ? PointsErrors.RULE_CHANGED_MEANWHILE : PointsErrors.RULE_ARCHIVED);
    }

    /** A rule's input as it will be stored, once valid. */
    private record Checked(
            String name,
            @Nullable String conditionKey,
            @Nullable String conditionValue,
            @Nullable Long perUnits,
            String category) {}

    private static Checked check(RuleInput in) {
        String name = name(in.name());
        if (in.eventType() == null || !EVENT_TYPE.matcher(in.eventType()).matches()) {
            throw new InvalidInputException(PointsErrors.EVENT_TYPE_INVALID, "eventType", "事件类型无效");
        }
        boolean hasKey = in.conditionKey() != null && !in.conditionKey().isBlank();
        if (hasKey != (in.conditionValue() != null && !in.conditionValue().isBlank())
                || (hasKey && !KEY.matcher(in.conditionKey()).matches())
                || (in.conditionValue() != null && in.conditionValue().length() > 100)) {
            throw new InvalidInputException(PointsErrors.CONDITION_INVALID, "conditionKey", "条件的名称和取值需同时填写");
        }
        if (!"FIXED".equals(in.formula()) && !"PER_UNIT".equals(in.formula())) {
            throw new InvalidInputException(PointsErrors.FORMULA_INVALID, "formula", "计分方式只能是 FIXED 或 PER_UNIT");
        }
        if ("PER_UNIT".equals(in.formula()) && (in.perUnits() == null || in.perUnits() < 1)) {
            throw new InvalidInputException(PointsErrors.FORMULA_INVALID, "perUnits", "按量计分需填写每多少单位计一次");
        }
        if (in.points() == 0 || in.points() < -POINTS_MAX || in.points() > POINTS_MAX) {
            throw new InvalidInputException(PointsErrors.POINTS_INVALID, "points", "分值不能为零，绝对值不超过 " + POINTS_MAX);
        }
        String[] fields = {"capDay", "capWeek", "capMonth", "capYear", "minQuantity"};
        Long[] values = {in.capDay(), in.capWeek(), in.capMonth(), in.capYear(), in.minQuantity()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && (values[i] < 1 || values[i] > CAP_MAX)) {
                throw new InvalidInputException(PointsErrors.CAP_INVALID, fields[i], "上限和最少数量必须为正整数");
            }
        }
        if (in.validFrom() != null && in.validTo() != null && in.validTo().isBefore(in.validFrom())) {
            throw new InvalidInputException(PointsErrors.VALIDITY_INVALID, "validTo", "失效日期不能早于生效日期");
        }
        String category = in.category() == null || in.category().isBlank() ? "RULE" : in.category();
        if (!CATEGORY.matcher(category).matches()) {
            throw new InvalidInputException(PointsErrors.CONDITION_INVALID, "category", "类别只能是大写字母、数字和下划线");
        }
        return new Checked(
                name,
                hasKey ? in.conditionKey() : null,
                hasKey ? in.conditionValue() : null,
                "PER_UNIT".equals(in.formula()) ? in.perUnits() : null,
                category);
    }

    private void insert(
            Connection c,
            Caller caller,
            Organization org,
            RuleInput in,
            Checked checked,
            long id,
            long lineageId,
            int version,
            @Nullable Long supersedes)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO points_rule (id, lineage_id, version, supersedes_id,"
                + " asset_id, organization_id, org_path, name, event_type, condition_key, condition_value, min_quantity,"
                + " formula, points, per_units, cap_day, cap_week, cap_month, cap_year, category, valid_from, valid_to,"
                + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, lineageId);
            s.setInt(3, version);
            setLong(s, 4, supersedes);
            s.setLong(5, in.assetId());
            s.setLong(6, org.id());
            s.setString(7, org.path());
            s.setString(8, checked.name());
            s.setString(9, in.eventType());
            s.setString(10, checked.conditionKey());
            s.setString(11, checked.conditionValue());
            setLong(s, 12, in.minQuantity());
            s.setString(13, in.formula());
            s.setLong(14, in.points());
            setLong(s, 15, checked.perUnits());
            setLong(s, 16, in.capDay());
            setLong(s, 17, in.capWeek());
            setLong(s, 18, in.capMonth());
            setLong(s, 19, in.capYear());
            s.setString(20, checked.category());
            s.setDate(21, in.validFrom() == null ? null : Date.valueOf(in.validFrom()));
            s.setDate(22, in.validTo() == null ? null : Date.valueOf(in.validTo()));
            s.setTimestamp(23, Timestamp.from(clock.instant()));
            s.setLong(24, caller.userId());
            s.executeUpdate();
        }
    }

    /**
     * Records a domain event for a member on behalf of staff (e.g. an approved self-declared item);
     * the rules react once it is stored.
     */
    public DomainEvent record(
            Caller caller, String type, long memberId, long quantity, java.util.Map<String, String> attributes) {
        var member = members.get(caller, memberId);
        if (type == null || !EVENT_TYPE.matcher(type).matches()) {
            throw new InvalidInputException(PointsErrors.EVENT_TYPE_INVALID, "type", "事件类型无效");
        }
        if (quantity < 1 || quantity > 1_000_000) {
            throw new InvalidInputException("QUANTITY_INVALID", "quantity", "数量应在 1–1000000 之间");
        }
        if (attributes.size() > 10
                || attributes.entrySet().stream()
                        .anyMatch(e -> e.getKey().length() > 48
                                || e.getValue() == null
                                || e.getValue().length() > 100)) {
            throw new InvalidInputException(
                    PointsErrors.CONDITION_INVALID, "attributes", "属性最多 10 项，名称 48 字、取值 100 字以内");
        }
        String path = organizations.find(member.organizationId()).orElseThrow().path();
        if (!caller.mayEdit(path)) {
            throw new ForbiddenException("Only staff and administrators record events");
        }
        DomainEvent event = events.publish(type, memberId, member.organizationId(), quantity, attributes);
        audit.append(caller, "DOMAIN_EVENT_RECORDED", "MEMBER", memberId, member.organizationId(), path, type);
        return event;
    }

    /**
     * The rules defined in the organization's subtree (and its ancestors', which apply there): the
     * latest version of each, in force or stopped; replaced versions are in {@link #versions}.
     */
    public List<PointsRule> list(Caller caller, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        return query(
                "SELECT " + COLUMNS + " FROM points_rule WHERE (org_path LIKE CONCAT(?, '%') OR ? LIKE"
                        + " CONCAT(org_path, '%')) AND superseded_by IS NULL ORDER BY archived_at IS NOT NULL,"
                        + " lineage_id, version",
                org.path(),
                org.path());
    }

    public PointsRule archive(Caller caller, long ruleId) {
        String path = transactions.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT org_path FROM points_rule WHERE id = ?")) {
                s.setLong(1, ruleId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (path == null || !caller.mayRead(path)) {
            throw new NotFoundException("PointsRule", ruleId);
        }
        if (!caller.mayManage(path)) {
            throw new ForbiddenException("Only administrators of the organization archive rules");
        }
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("UPDATE points_rule SET archived_at = ? WHERE id = ? AND archived_at IS NULL")) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setLong(2, ruleId);
                if (s.executeUpdate() == 0
                        && find(status.getConnection(), ruleId).orElseThrow().superseded()) {
                    // a stale page stopping a version that an edit replaced: the new version stays
                    throw new RuleNotCurrentException(ruleId, PointsErrors.RULE_CHANGED_MEANWHILE);
                }
            }
            audit.append(caller, ARCHIVED, "POINTS_RULE", ruleId, null, path, null);
            return null;
        });
        return find(ruleId).orElseThrow();
    }

    /** Active rules for an event type that apply to a member at {@code memberPath}. */
    List<PointsRule> matching(String eventType, String memberPath) {
        return query(
                "SELECT " + COLUMNS + " FROM points_rule WHERE event_type = ? AND archived_at IS NULL"
                        + " AND ? LIKE CONCAT(org_path, '%') ORDER BY id",
                eventType,
                memberPath);
    }

    java.util.Optional<PointsRule> find(long id) {
        return query("SELECT " + COLUMNS + " FROM points_rule WHERE id = ?", id).stream()
                .findFirst();
    }

    private static java.util.Optional<PointsRule> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM points_rule WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.of(read(rs)) : java.util.Optional.empty();
            }
        }
    }

    /**
     * The version of a lineage in force now, read in the caller's transaction with a lock on its
     * row: an edit or archive of it waits until that transaction ends, and one that committed first
     * is seen (empty when the rule was stopped). {@code FOR UPDATE} rather than a shared lock, which
     * TiDB does not take: postings under one rule already queue on its organization's issuance
     * account, locked before this row, so the exclusive lock makes no one wait longer.
     */
    static java.util.Optional<PointsRule> current(Connection c, long lineageId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM points_rule WHERE lineage_id = ?"
                + " AND archived_at IS NULL FOR UPDATE")) {
            s.setLong(1, lineageId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? java.util.Optional.of(read(rs)) : java.util.Optional.empty();
            }
        }
    }

    private List<PointsRule> query(String sql, Object... args) {
        return transactions.executeRead(status -> {
            List<PointsRule> rules = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rules.add(read(rs));
                    }
                }
            }
            return rules;
        });
    }

    private static PointsRule read(ResultSet rs) throws SQLException {
        return new PointsRule(
                rs.getLong(1),
                rs.getLong(2),
                rs.getInt(3),
                nullableLong(rs, 4),
                nullableLong(rs, 5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                nullableLong(rs, 12),
                rs.getString(13),
                rs.getLong(14),
                nullableLong(rs, 15),
                nullableLong(rs, 16),
                nullableLong(rs, 17),
                nullableLong(rs, 18),
                nullableLong(rs, 19),
                rs.getString(20),
                rs.getDate(21) == null ? null : rs.getDate(21).toLocalDate(),
                rs.getDate(22) == null ? null : rs.getDate(22).toLocalDate(),
                rs.getTimestamp(23) != null);
    }

    static String name(@Nullable String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInputException(PointsErrors.NAME_REQUIRED, "name", "请填写名称");
        }
        if (n.codePointCount(0, n.length()) > 50) {
            throw new InvalidInputException(PointsErrors.NAME_TOO_LONG, "name", "名称最多 50 个字");
        }
        if (n.codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidInputException(PointsErrors.NAME_WITHOUT_LETTERS, "name", "名称需含文字，不能只是数字或符号");
        }
        return n;
    }
}
