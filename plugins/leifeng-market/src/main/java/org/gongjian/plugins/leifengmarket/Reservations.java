package org.gongjian.plugins.leifengmarket;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginTransaction;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugin.api.PointsLedger;
import org.gongjian.plugin.api.Settings;
import org.gongjian.plugin.api.TransferResult;

/**
 * Reservations on the volunteer's phone: a redemption whose goods are held for the member until
 * collected at the counter with a pickup code, or until the market's setting of days runs out, when
 * the transfer is reversed and the goods return to stock.
 */
final class Reservations {

    static final String RESERVED = "RESERVED";
    static final String COLLECTED = "COLLECTED";
    static final String CANCELLED = "CANCELLED";
    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PluginContext context;
    private final Markets markets;
    private final Redemptions redemptions;

    Reservations(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
        this.redemptions = new Redemptions(context);
    }

    record Reservation(
            long id, long marketId, long memberId, long redemptionId, String code, String status, Instant expiresAt) {}

    /** Reserves goods for the signed-in volunteer: points and goods leave now, a pickup code comes back. */
    Reservation reserve(PluginCaller caller, long marketId, String key, List<Line> requested) {
        long memberId = caller.memberId()
                .orElseThrow(() -> new MarketRefused("MARKET_NO_MEMBER", 403, null, "error.no-member"));
        Markets.Market market = markets.usable(caller, marketId, Permission.READ);
        if (!market.active()) {
            throw MarketRefused.conflict("MARKET_CLOSED", null, "error.market-closed");
        }
        List<Line> lines = Line.checked(requested);
        int days = (int)
                context.require(Settings.class).of(market.organizationId()).integer(MarketSettings.PICKUP_DAYS);
        Instant expires = context.clock().instant().plus(Duration.ofDays(days));
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Redemptions.Redemption taken = redemptions.take(tx, caller, market, memberId, "reserve-" + key, lines);
            Optional<Reservation> earlier = ofRedemption(tx.connection(), taken.id());
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Reservation reservation = insert(tx.connection(), marketId, memberId, taken.id(), expires);
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "GOODS_RESERVED",
                            "RESERVATION",
                            Long.toString(reservation.id()),
                            Optional.of(market.organizationId()),
                            "手机预约，取货码 " + reservation.code(),
                            Map.of());
            return reservation;
        });
    }

    /** Staff hand out the goods of a pickup code (核销): once, before it expires, at its own market. */
    Reservation collect(PluginCaller caller, long marketId, String code) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        String normalized = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
        Instant now = context.clock().instant();
        return context.require(PluginTransactions.class).inTransaction(caller, tx -> {
            Reservation found;
            try (PreparedStatement s =
                    tx.connection().prepareStatement(SELECT + " WHERE market_id = ? AND code = ? FOR UPDATE")) {
                s.setLong(1, marketId);
                s.setString(2, normalized);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new MarketRefused("MARKET_CODE_UNKNOWN", 404, "code", "error.code-unknown");
                    }
                    found = reservation(r);
                }
            }
            if (COLLECTED.equals(found.status())) {
                throw MarketRefused.conflict("MARKET_CODE_USED", "code", "error.code-used");
            }
            if (CANCELLED.equals(found.status()) || !now.isBefore(found.expiresAt())) {
                throw MarketRefused.conflict("MARKET_CODE_EXPIRED", "code", "error.code-expired");
            }
            close(tx.connection(), found.id(), COLLECTED, now, caller.userId());
            context.require(AuditTrail.class)
                    .record(
                            tx,
                            "RESERVATION_COLLECTED",
                            "RESERVATION",
                            Long.toString(found.id()),
                            Optional.of(market.organizationId()),
                            "凭取货码 " + found.code() + " 取货",
                            Map.of());
            return new Reservation(
                    found.id(),
                    marketId,
                    found.memberId(),
                    found.redemptionId(),
                    found.code(),
                    COLLECTED,
                    found.expiresAt());
        });
    }

    /** Whether the text has the form of a pickup code (8 of its letters and digits), in any case. */
    static boolean looksLikeCode(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        return t.length() == 8 && t.chars().allMatch(ch -> CODE_LETTERS.indexOf(ch) >= 0);
    }

    /** What a reservation holds, for the counter to hand out: "洗衣皂 × 2 块", in item order. */
    List<String> contents(Reservation reservation) {
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT i.name, l.quantity, i.unit"
                        + " FROM leifeng_market_redemption_line l JOIN leifeng_market_item i ON i.id = l.item_id"
                        + " WHERE l.redemption_id = ? ORDER BY l.item_id")) {
            s.setLong(1, reservation.redemptionId());
            List<String> lines = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(r.getString(1) + " × " + r.getLong(2) + " " + r.getString(3));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the reservation's goods", e);
        }
    }

    /** The signed-in member's reservations still to collect, soonest expiry first. */
    List<Reservation> mine(PluginCaller caller) {
        Optional<Long> member = caller.memberId();
        if (member.isEmpty()) {
            return List.of();
        }
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement(SELECT + " WHERE member_id = ? AND status = ? ORDER BY expires_at")) {
            s.setLong(1, member.get());
            s.setString(2, RESERVED);
            List<Reservation> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(reservation(r));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the reservations", e);
        }
    }

    /**
     * Cancels the reservations not collected in time: each in its own unit, the transfer reversed
     * and the goods back in stock; answers how many.
     */
    int expire(int limit) {
        Instant now = context.clock().instant();
        List<Long> due = new ArrayList<>();
        try (Connection c = context.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id FROM leifeng_market_reservation"
                        + " WHERE status = ? AND expires_at <= ? ORDER BY expires_at LIMIT ?")) {
            s.setString(1, RESERVED);
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(r.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the due reservations", e);
        }
        PluginCaller system = context.require(Access.class).system();
        int cancelled = 0;
        for (long id : due) {
            if (context.require(PluginTransactions.class).inTransaction(system, tx -> cancel(tx, id, now))) {
                cancelled++;
            }
        }
        return cancelled;
    }

    private boolean cancel(PluginTransaction tx, long reservationId, Instant now) throws SQLException {
        Connection c = tx.connection();
        Reservation found;
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ? FOR UPDATE")) {
            s.setLong(1, reservationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                found = reservation(r);
            }
        }
        if (!RESERVED.equals(found.status()) || now.isBefore(found.expiresAt())) {
            return false; // collected or cancelled meanwhile
        }
        Markets.Market market = markets.usable(tx.actor(), found.marketId(), Permission.READ);
        List<Line> lines = new ArrayList<>();
        long transferId;
        try (PreparedStatement s = c.prepareStatement("SELECT l.item_id, l.quantity, r.transfer_id"
                + " FROM leifeng_market_redemption_line l JOIN leifeng_market_redemption r ON r.id = l.redemption_id"
                + " WHERE r.id = ? ORDER BY l.item_id")) {
            s.setLong(1, found.redemptionId());
            long transfer = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    lines.add(new Line(r.getLong(1), r.getLong(2)));
                    transfer = r.getLong(3);
                }
            }
            transferId = transfer;
        }
        Stock.lock(c, found.marketId(), lines);
        TransferResult back = context.require(PointsLedger.class)
                .reverse(tx, "lfm-expired-" + found.redemptionId(), transferId, "MARKET_RESERVATION_EXPIRED");
        if (!back.ok() && back.outcome() != TransferResult.Outcome.ALREADY_REVERSED) {
            throw new IllegalStateException(
                    "The ledger refused to reverse transfer " + transferId + ": " + back.code());
        }
        for (Line line : lines) {
            Stock.move(
                    c,
                    context.newId(),
                    line.itemId(),
                    "RETURN",
                    line.quantity(),
                    found.redemptionId(),
                    null,
                    "预约过期退回",
                    now,
                    0);
        }
        try (PreparedStatement s =
                c.prepareStatement("UPDATE leifeng_market_redemption SET cancelled_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, found.redemptionId());
            s.executeUpdate();
        }
        close(c, found.id(), CANCELLED, now, null);
        context.require(AuditTrail.class)
                .record(
                        tx,
                        "RESERVATION_EXPIRED",
                        "RESERVATION",
                        Long.toString(found.id()),
                        Optional.of(market.organizationId()),
                        "预约 " + found.code() + " 过期未取，积分退回，物品回库",
                        Map.of());
        return true;
    }

    private Reservation insert(Connection c, long marketId, long memberId, long redemptionId, Instant expires)
            throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String code = code();
            long id = context.newId();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO leifeng_market_reservation"
                            + " (id, market_id, member_id, redemption_id, code, status, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, marketId);
                s.setLong(3, memberId);
                s.setLong(4, redemptionId);
                s.setString(5, code);
                s.setString(6, RESERVED);
                s.setTimestamp(7, Timestamp.from(expires));
                s.executeUpdate();
                return new Reservation(id, marketId, memberId, redemptionId, code, RESERVED, expires);
            } catch (SQLIntegrityConstraintViolationException taken) {
                if (attempt >= 5) {
                    throw taken; // 32^8 codes per market: five collisions in a row do not happen
                }
            }
        }
    }

    private static Optional<Reservation> ofRedemption(Connection c, long redemptionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE redemption_id = ?")) {
            s.setLong(1, redemptionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(reservation(r)) : Optional.empty();
            }
        }
    }

    private static void close(Connection c, long id, String status, Instant at, Long by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE leifeng_market_reservation SET status = ?, closed_at = ?, closed_by = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setTimestamp(2, Timestamp.from(at));
            s.setObject(3, by);
            s.setLong(4, id);
            s.executeUpdate();
        }
    }

    private static String code() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
        }
        return code.toString();
    }

    private static final String SELECT = "SELECT id, market_id, member_id, redemption_id, code, status, expires_at"
            + " FROM leifeng_market_reservation";

    private static Reservation reservation(ResultSet r) throws SQLException {
        return new Reservation(
                r.getLong(1),
                r.getLong(2),
                r.getLong(3),
                r.getLong(4),
                r.getString(5),
                r.getString(6),
                r.getTimestamp(7).toInstant());
    }
}
