package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;

/**
 * Rankings of members by the points they earned (awards minus deductions from ISSUANCE accounts;
 * spending, gifts and expiry do not count) of one kind, in an organization's subtree, in a period:
 * the current month, quarter or year (China time) or all time. Staff of the organization and its
 * own members see them (a public board shows names and points only).
 */
@Singleton
public class Rankings {

    public static final int LIMIT_MAX = 200;

    /** One line of a ranking. */
    @Serdeable
    public record Line(int rank, long memberId, String name, long points) {}

    /** A ranking with the period it covers ({@code to} exclusive) and the caller's own line. */
    @Serdeable
    public record Ranking(
            long assetId,
            int unitScale,
            long organizationId,
            String period,
            @Nullable LocalDate from,
            LocalDate to,
            List<Line> lines,
            @Nullable Line me) {}

    /** The public board (红黑榜): the top earners and those with the most deducted. */
    @Serdeable
    public record Board(Ranking red, Ranking black) {}

    private final TransactionOperations<Connection> transactions;
    private final Organizations organizations;
    private final PointKinds kinds;
    private final Clock clock;
    private final MemberScopes scopes;

    Rankings(
            TransactionOperations<Connection> transactions,
            Organizations organizations,
            PointKinds kinds,
            Clock clock,
            MemberScopes scopes) {
        this.transactions = transactions;
        this.scopes = scopes;
        this.organizations = organizations;
        this.kinds = kinds;
        this.clock = clock;
    }

    public Ranking top(Caller caller, long assetId, long organizationId, String period, int limit) {
        return rank(caller, assetId, organizationId, period, limit, true);
    }

    public Board board(Caller caller, long assetId, long organizationId, String period, int limit) {
        return new Board(
                rank(caller, assetId, organizationId, period, limit, true),
                rank(caller, assetId, organizationId, period, limit, false));
    }

    private Ranking rank(Caller caller, long assetId, long organizationId, String period, int limit, boolean red) {
        Organization org = visible(caller, organizationId);
        Asset kind = kinds.usable(assetId, org.path());
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        LocalDate from =
                switch (period == null ? "" : period.toUpperCase(Locale.ROOT)) {
                    case "MONTH" -> today.withDayOfMonth(1);
                    case "QUARTER" -> today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
                    case "YEAR" -> today.withDayOfYear(1);
                    case "ALL" -> null;
                    default ->
                        throw new InvalidInputException(
                                PointsErrors.PERIOD_INVALID, "period", "期间只能是 MONTH、QUARTER、YEAR 或 ALL");
                };
        LocalDate to = today.plusDays(1);
        int n = Math.max(1, Math.min(limit, LIMIT_MAX));
        String base = "SELECT a.owner_id, m.name, x.pts FROM (SELECT account_id, SUM(amount) AS pts"
                + " FROM ledger_earning WHERE asset_id = ? AND month BETWEEN ? AND ? GROUP BY account_id) x"
                + " JOIN ledger_account a ON a.id = x.account_id AND a.owner_type = 'MEMBER'"
                + " JOIN member m ON m.id = a.owner_id WHERE m.org_path LIKE ?";
        int start = from == null ? 0 : from.getYear() * 100 + from.getMonthValue();
        int end = today.getYear() * 100 + today.getMonthValue();
        return transactions.executeRead(status -> {
            Connection c = status.getConnection();
            List<Line> lines = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    base + (red ? " HAVING pts > 0 ORDER BY pts DESC" : " HAVING pts < 0 ORDER BY pts ASC")
                            + ", a.owner_id LIMIT " + n)) {
                bind(s, kind.id(), start, end, org.path());
                try (ResultSet rs = s.executeQuery()) {
                    int rank = 0;
                    long previous = Long.MIN_VALUE;
                    int position = 0;
                    while (rs.next()) {
                        position++;
                        long pts = rs.getLong(3);
                        if (pts != previous) {
                            rank = position;
                            previous = pts;
                        }
                        lines.add(new Line(rank, rs.getLong(1), rs.getString(2), pts));
                    }
                }
            }
            Line me = caller.memberId() == null || !red
                    ? null
                    : me(c, base, kind.id(), start, end, org.path(), caller.memberId());
            return new Ranking(
                    kind.id(), kind.unitScale(), org.id(), period.toUpperCase(Locale.ROOT), from, to, lines, me);
        });
    }

    private static @Nullable Line me(
            Connection c, String base, long assetId, int start, int end, String path, long memberId)
            throws SQLException {
        long mine;
        String name;
        try (PreparedStatement s = c.prepareStatement("SELECT m.name, COALESCE((SELECT SUM(g.amount) FROM"
                + " ledger_earning g JOIN ledger_account a ON a.id = g.account_id WHERE a.owner_type = 'MEMBER'"
                + " AND a.owner_id = m.id AND g.asset_id = ? AND g.month BETWEEN ? AND ?), 0)"
                + " FROM member m WHERE m.id = ? AND m.org_path LIKE ?")) {
            s.setLong(1, assetId);
            s.setInt(2, start);
            s.setInt(3, end);
            s.setLong(4, memberId);
            s.setString(5, path + "%");
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                name = rs.getString(1);
                mine = rs.getLong(2);
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (" + base + " AND x.pts > ?) better")) {
            bind(s, assetId, start, end, path);
            s.setLong(5, mine);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Line((int) rs.getLong(1) + 1, memberId, name, mine);
            }
        }
    }

    private static void bind(PreparedStatement s, long assetId, int start, int end, String path) throws SQLException {
        s.setLong(1, assetId);
        s.setInt(2, start);
        s.setInt(3, end);
        s.setString(4, path + "%");
    }
    /** Readers of the organization, and members who belong to its subtree. */
    private Organization visible(Caller caller, long organizationId) {
        Organization org = organizations
                .find(organizationId)
                .orElseThrow(() -> new NotFoundException("Organization", organizationId));
        if (caller.mayRead(org.path())) {
            return org;
        }
        if (caller.memberId() != null) {
            boolean inside = scopes.of(caller.memberId())
                    .filter(m -> m.orgPath().startsWith(org.path()))
                    .isPresent();
            if (inside) {
                return org;
            }
        }
        throw new NotFoundException("Organization", organizationId);
    }
}
