package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Channel;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;

/**
 * Manual awards and deductions by staff and administrators. An adjustment up to the
 * organization's threshold posts at once under the caller's idempotency key; a larger one waits in
 * the approvals inbox until a different administrator of the organization approves it (then it
 * posts under the key {@code adjustment:<id>}) or someone rejects it. The adjustment row is locked
 * while it is decided, so two administrators never approve it twice.
 */
@Singleton
@AuditsDenials
public class Adjustments {

    static final String REQUESTED = "POINTS_ADJUSTMENT_REQUESTED";
    static final String APPROVED = "POINTS_ADJUSTMENT_APPROVED";
    static final String REJECTED = "POINTS_ADJUSTMENT_REJECTED";
    static final String POSTED = "POINTS_ADJUSTED";

    static final long AMOUNT_MAX = 1_000_000_000L;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");
    private static final String COLUMNS = "id, asset_id, organization_id, member_id, amount, reason_code, category,"
            + " memo, requested_by, requested_at, status, decided_by, decided_at, decision_note, request_id";

    private final Ledger ledger;
    private final PointKinds kinds;
    private final PointsSettings settings;
    private final Organizations organizations;
    private final MemberScopes scopes;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    Adjustments(
            Ledger ledger,
            PointKinds kinds,
            PointsSettings settings,
            Organizations organizations,
            MemberScopes scopes,
            AuditLog audit,
            IdGenerator ids,
            Clock clock) {
        this.ledger = ledger;
        this.kinds = kinds;
        this.settings = settings;
        this.organizations = organizations;
        this.scopes = scopes;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** What an adjustment request asks for. */
    @io.micronaut.serde.annotation.Serdeable
    public record Request(
            long memberId,
            long assetId,
            @Nullable Long organizationId,
            long amount,
            @Nullable String reasonCode,
            @Nullable String category,
            @Nullable String memo) {}

    /**
     * Posts an adjustment up to the threshold at once, in one transaction with its audit row (a
     * replay is not audited again), or files a larger one for approval.
     */
    public Adjustment adjust(Caller caller, String idempotencyKey, Request r) {
        MemberScope scope = scopes.of(r.memberId())
                .filter(m -> caller.mayRead(m.orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", r.memberId()));
        String memberPath = scope.orgPath();
        Organization org = r.organizationId() == null
                ? organizations.find(scope.organizationId()).orElseThrow()
                : organizations.get(caller, r.organizationId());
        if (!caller.mayEdit(org.path()) || !caller.mayEdit(memberPath)) {
            throw new ForbiddenException("Only staff and administrators adjust points");
        }
        Asset kind = kinds.usable(r.assetId(), org.path());
        if (r.amount() == 0 || r.amount() < -AMOUNT_MAX || r.amount() > AMOUNT_MAX) {
            throw new InvalidInputException(PointsErrors.AMOUNT_INVALID, "amount", "分值不能为零且不超过上限");
        }
        String memo = r.memo() == null ? "" : r.memo().strip();
        if (memo.isEmpty() || memo.codePointCount(0, memo.length()) > TransferSpec.MEMO_MAX) {
            throw new InvalidInputException(PointsErrors.MEMO_REQUIRED, "memo", "请填写事由（最多 200 字）");
        }
        String reason =
                r.reasonCode() == null ? (r.amount() > 0 ? "MANUAL_AWARD" : "MANUAL_DEDUCTION") : r.reasonCode();
        String category = r.category() == null ? "MANUAL" : r.category();
        if (!CODE.matcher(reason).matches() || !CODE.matcher(category).matches() || category.length() > 32) {
            throw new InvalidInputException(PointsErrors.CONDITION_INVALID, "reasonCode", "事由代码和类别只能是大写字母、数字和下划线");
        }
        Account issuance = ledger.open(kind.id(), OwnerType.ISSUANCE, org.id(), org.path());
        Account member = ledger.open(kind.id(), OwnerType.MEMBER, r.memberId(), "");
        long threshold = settings.at(org.path()).approvalThreshold() * kind.unitScale();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (Math.absExact(r.amount()) > threshold) {
            return pending(caller, idempotencyKey, r, org, kind, reason, category, memo, now);
        }
        Posting posting = new Posting(
                caller.userId(),
                idempotencyKey,
                org.id(),
                caller.userId(),
                List.of(spec(issuance, member, r.amount(), reason, category, memo, null)),
                Channel.ADJUSTMENT);
        PostingResult result = ledger.inTransaction(status -> {
            PostingResult posted = ledger.post(posting);
            if (posted.ok() && !posted.replayed()) {
                audit.append(
                        caller,
                        POSTED,
                        "MEMBER",
                        r.memberId(),
                        org.id(),
                        org.path(),
                        r.amount() + " " + kind.code() + ", ledger request " + posted.requestId());
            }
            return posted;
        });
        return new Adjustment(
                null,
                kind.id(),
                org.id(),
                r.memberId(),
                r.amount(),
                reason,
                category,
                memo,
                caller.userId(),
                now,
                result.ok() ? "POSTED" : "REFUSED",
                null,
                null,
                null,
                result.requestId(),
                result.result().name());
    }

    private Adjustment pending(
            Caller caller,
            String key,
            Request r,
            Organization org,
            Asset kind,
            String reason,
            String category,
            String memo,
            Instant now) {
        Posting.checkKey(key);
        long id = ids.next();
        return ledger.inTransaction(status -> {
            Connection c = status.getConnection();
            Optional<Adjustment> existing = byKey(c, caller.userId(), key);
            if (existing.isPresent()) {
                Adjustment a = existing.get();
                if (a.memberId() != r.memberId()
                        || a.assetId() != kind.id()
                        || a.amount() != r.amount()
                        || a.organizationId() != org.id()
                        || !a.memo().equals(memo)) {
                    throw new DuplicateAdjustment();
                }
                return a;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO points_adjustment (id, client_id, idempotency_key,"
                            + " asset_id, organization_id, org_path, member_id, amount, reason_code, category, memo,"
                            + " requested_by, requested_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')")) {
                s.setLong(1, id);
                s.setLong(2, caller.userId());
                s.setString(3, key);
                s.setLong(4, kind.id());
                s.setLong(5, org.id());
                s.setString(6, org.path());
                s.setLong(7, r.memberId());
                s.setLong(8, r.amount());
                s.setString(9, reason);
                s.setString(10, category);
                s.setString(11, memo);
                s.setLong(12, caller.userId());
                s.setTimestamp(13, Timestamp.from(now));
                s.executeUpdate();
            }
            audit.append(
                    caller, REQUESTED, "POINTS_ADJUSTMENT", id, org.id(), org.path(), r.amount() + " " + kind.code());
            return byId(c, id).orElseThrow();
        });
    }

    /** Approves a pending adjustment: a different administrator of its organization posts it. */
    public Adjustment approve(Caller caller, long adjustmentId, @Nullable String note) {
        return decide(caller, adjustmentId, true, note);
    }

    /** Rejects a pending adjustment (the requester may withdraw their own). */
    public Adjustment reject(Caller caller, long adjustmentId, @Nullable String note) {
        return decide(caller, adjustmentId, false, note);
    }

    private Adjustment decide(Caller caller, long adjustmentId, boolean approve, @Nullable String note) {
        String n = note == null ? null : note.strip();
        if (n != null && n.codePointCount(0, n.length()) > 200) {
            throw new InvalidInputException(PointsErrors.MEMO_REQUIRED, "note", "意见最多 200 字");
        }
        return ledger.inTransaction(status -> {
            Connection c = status.getConnection();
            Adjustment a;
            String path;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + ", org_path FROM points_adjustment WHERE id = ? FOR UPDATE")) {
                s.setLong(1, adjustmentId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundException("Adjustment", adjustmentId);
                    }
                    a = read(rs, null);
                    path = rs.getString(16);
                }
            }
            if (!caller.mayRead(path)) {
                throw new NotFoundException("Adjustment", adjustmentId);
            }
            if (!caller.mayManage(path)) {
                throw new ForbiddenException("Only administrators of the organization decide adjustments");
            }
            if (!"PENDING".equals(a.status())) {
                throw new InvalidInputException(PointsErrors.NOT_PENDING, "status", "该申请已处理");
            }
            if (approve && a.requestedBy() == caller.userId()) {
                throw new ForbiddenException(PointsErrors.SAME_ADMINISTRATOR, "需由另一位管理员审批");
            }
            Long requestId = null;
            String status1 = approve ? "APPROVED" : "REJECTED";
            String ledgerResult = null;
            if (approve) {
                Account issuance = ledger.open(a.assetId(), OwnerType.ISSUANCE, a.organizationId(), path);
                Account member = ledger.open(a.assetId(), OwnerType.MEMBER, a.memberId(), "");
                PostingResult result = ledger.post(new Posting(
                        0,
                        "adjustment:" + a.id(),
                        a.organizationId(),
                        caller.userId(),
                        List.of(spec(issuance, member, a.amount(), a.reasonCode(), a.category(), a.memo(), a.id())),
                        Channel.APPROVED_ADJUSTMENT));
                requestId = result.requestId();
                ledgerResult = result.result().name();
                if (!result.ok()) {
                    status1 = "REFUSED";
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE points_adjustment SET status = ?, decided_by = ?,"
                    + " decided_at = ?, decision_note = ?, request_id = ? WHERE id = ?")) {
                s.setString(1, status1);
                s.setLong(2, caller.userId());
                s.setTimestamp(3, Timestamp.from(clock.instant()));
                s.setString(4, n);
                org.gongjian.database.Jdbc.setLong(s, 5, requestId);
                s.setLong(6, a.id());
                s.executeUpdate();
            }
            audit.append(
                    caller,
                    approve ? APPROVED : REJECTED,
                    "POINTS_ADJUSTMENT",
                    a.id(),
                    a.organizationId(),
                    path,
                    status1 + (ledgerResult == null ? "" : " " + ledgerResult));
            Adjustment decided = byId(c, a.id()).orElseThrow();
            return ledgerResult == null ? decided : withResult(decided, ledgerResult);
        });
    }

    /** Pending adjustments the caller may decide, oldest first. */
    public List<Adjustment> inbox(Caller caller) {
        List<String> paths =
                caller.readablePaths().stream().filter(caller::mayManage).toList();
        if (paths.isEmpty()) {
            return List.of();
        }
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM points_adjustment WHERE status = 'PENDING' AND (");
        for (int i = 0; i < paths.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("org_path LIKE ?");
        }
        sql.append(") ORDER BY requested_at LIMIT 500");
        return ledger.inTransaction(status -> {
            List<Adjustment> list = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(sql.toString())) {
                for (int i = 0; i < paths.size(); i++) {
                    s.setString(i + 1, paths.get(i) + "%");
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(read(rs, null));
                    }
                }
            }
            return list;
        });
    }

    private static TransferSpec spec(
            Account issuance,
            Account member,
            long amount,
            String reason,
            String category,
            String memo,
            @Nullable Long adjustmentId) {
        return new TransferSpec(
                amount > 0 ? issuance.id() : member.id(),
                amount > 0 ? member.id() : issuance.id(),
                Math.absExact(amount),
                reason,
                category,
                memo,
                adjustmentId == null ? null : "ADJUSTMENT",
                adjustmentId == null ? null : adjustmentId.toString(),
                null);
    }

    private static Adjustment withResult(Adjustment a, String ledgerResult) {
        return new Adjustment(
                a.id(),
                a.assetId(),
                a.organizationId(),
                a.memberId(),
                a.amount(),
                a.reasonCode(),
                a.category(),
                a.memo(),
                a.requestedBy(),
                a.requestedAt(),
                a.status(),
                a.decidedBy(),
                a.decidedAt(),
                a.decisionNote(),
                a.requestId(),
                ledgerResult);
    }

    private Optional<Adjustment> byKey(Connection c, long clientId, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM points_adjustment WHERE client_id = ? AND idempotency_key = ?")) {
            s.setLong(1, clientId);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, null)) : Optional.empty();
            }
        }
    }

    private Optional<Adjustment> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM points_adjustment WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, null)) : Optional.empty();
            }
        }
    }

    private static Adjustment read(ResultSet rs, @Nullable String ledgerResult) throws SQLException {
        Timestamp decided = rs.getTimestamp(13);
        return new Adjustment(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9),
                rs.getTimestamp(10).toInstant(),
                rs.getString(11),
                org.gongjian.database.Jdbc.nullableLong(rs, 12),
                decided == null ? null : decided.toInstant(),
                rs.getString(14),
                org.gongjian.database.Jdbc.nullableLong(rs, 15),
                ledgerResult);
    }

    /** The key was used before for another adjustment (409). */
    public static final class DuplicateAdjustment extends RuntimeException {
        DuplicateAdjustment() {
            super("The Idempotency-Key was already used for another adjustment");
        }
    }
}
