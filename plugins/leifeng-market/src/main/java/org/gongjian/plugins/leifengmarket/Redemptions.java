package org.gongjian.plugins.leifengmarket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.plugin.api.Members;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginAccount;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.plugin.api.PluginTransaction;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugin.api.PointsLedger;
import org.gongjian.plugin.api.TransferRequest;
import org.gongjian.plugin.api.TransferResult;

/**
 * Redemptions at the counter: the member's points go to the market's account through the host's
 * ledger, the goods leave stock through OUT movements, and the redemption is recorded, in one unit
 * of work, or nothing happens. Under the items' row locks (taken in item id order) it checks, in
 * this order: the request id (a retry answers the first result), stock, the per-person monthly cap,
 * then the points.
 */
final class Redemptions {

    static final String REDEEMED = "LEIFENG_MARKET_REDEEMED";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private final PluginContext context;
    private final Markets markets;

    Redemptions(PluginContext context) {
        this.context = context;
        this.markets = new Markets(context);
    }

    record Redemption(
            long id,
            long marketId,
            long memberId,
            long transferId,
            long totalTenths,
            List<Line> lines,
            boolean replayed) {}

    Redemption redeem(PluginCaller caller, long marketId, long memberId, String key, List<Line> requested) {
        Markets.Market market = markets.usable(caller, marketId, Permission.RECORD);
        if (!market.active()) {
            throw MarketRefused.conflict("MARKET_CLOSED", null, "error.market-closed");
        }
        if (key == null || !KEY.matcher(key).matches()) {
            throw MarketRefused.invalid("MARKET_KEY_MISSING", null, "error.key-missing");
        }
        if (!context.require(Access.class).mayOnMember(caller, Permission.RECORD, memberId)) {
            throw new MarketRefused("MEMBER_NOT_FOUND", 404, "memberId", "error.member-not-found");
        }
        List<Line> lines = Line.checked(requested);
        return context.require(PluginTransactions.class)
                .inTransaction(caller, tx -> take(tx, caller, market, memberId, key, lines));
    }

    /**
     * The redemption's work inside a unit (the counter's, or a reservation's): locks, checks, the
     * transfer, the rows and movements, the event and the audit row; a retry answers the first.
     * The caller has checked the market, the member and the lines.
     */
    Redemption take(
            PluginTransaction tx,
            PluginCaller caller,
            Markets.Market market,
            long memberId,
            String key,
            List<Line> lines)
            throws SQLException {
        long marketId = market.id();
        String content = "member=" + memberId + ";"
                + lines.stream().map(l -> l.itemId() + "x" + l.quantity()).collect(Collectors.joining(","));
        Instant now = context.clock().instant();
        String month = YearMonth.from(now.atZone(context.clock().getZone())).toString();
        PointsLedger ledger = context.require(PointsLedger.class);
        Connection c = tx.connection();
        Map<Long, Goods.Item> items = Stock.lock(c, marketId, lines);
        Optional<Redemption> earlier = earlier(c, marketId, key, content, lines);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        long total = 0;
        Optional<MemberRef> member = Optional.empty();
        for (Line line : lines) {
            Goods.Item item = items.get(line.itemId());
            if (!item.active()) {
                throw MarketRefused.conflict("MARKET_ITEM_INACTIVE", "lines", "error.item-inactive");
            }
            if (item.eligibility().rule() != Eligibility.Rule.EVERYONE) {
                if (member.isEmpty()) {
                    member = context.require(Members.class).member(caller, memberId);
                }
                eligible(caller, market, item, member);
            }
            if (item.onHand() < line.quantity()) {
                throw MarketRefused.conflict(
                        "MARKET_OUT_OF_STOCK", "lines", "error.out-of-stock", item.name(), item.onHand(), item.unit());
            }
            if (item.monthlyCap().isPresent()) {
                long already = redeemedThisMonth(c, memberId, item.id(), month);
                if (already + line.quantity() > item.monthlyCap().get()) {
                    throw MarketRefused.conflict(
                            "MARKET_CAP_REACHED",
                            "lines",
                            "error.cap-reached",
                            item.name(),
                            item.monthlyCap().get(),
                            item.unit(),
                            already);
                }
            }
            total = Math.addExact(total, Math.multiplyExact(item.priceTenths(), line.quantity()));
        }
        // Everything that takes no lock another redemption waits for comes first; the transfer comes
        // as late as it can: the market's account is every redemption's hot spot, and the ledger holds
        // its lock (and then the audit chain's) from the transfer to the host's commit.
        long id = context.newId();
        for (Line line : lines) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO leifeng_market_redemption_line"
                    + " (redemption_id, item_id, quantity, price_tenths) VALUES (?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setLong(2, line.itemId());
                s.setLong(3, line.quantity());
                s.setLong(4, items.get(line.itemId()).priceTenths());
                s.executeUpdate();
            }
            Stock.move(
                    c, context.newId(), line.itemId(), "OUT", -line.quantity(), id, null, null, now, caller.userId());
        }
        context.require(Events.class)
                .publish(
                        tx,
                        PluginEvent.of(
                                REDEEMED,
                                memberId,
                                market.organizationId(),
                                total / 10,
                                Map.of("market", Long.toString(marketId), "tenths", Long.toString(total))));
        PluginAccount account = account(tx, market);
        TransferResult paid = ledger.transfer(
                tx,
                new TransferRequest(
                        "lfm-" + marketId + "-" + key,
                        memberId,
                        account,
                        TransferRequest.Direction.MEMBER_TO_PLUGIN,
                        total,
                        "MARKET_REDEMPTION",
                        "MARKET",
                        Optional.of("雷锋超市兑换：" + market.name()),
                        Optional.of("redemption:" + key)));
        if (paid.outcome() == TransferResult.Outcome.INSUFFICIENT_BALANCE) {
            throw MarketRefused.conflict(
                    "MARKET_INSUFFICIENT_POINTS", null, "error.insufficient-points", points(total));
        }
        if (paid.outcome() == TransferResult.Outcome.RETRY_LATER) {
            // The same request's first try is still being settled by the host (its server stopped
            // between the two commits): nothing happened now, and the retry will be decided exactly once.
            throw new MarketRefused("MARKET_TRY_AGAIN_SHORTLY", 503, null, "error.try-again-shortly");
        }
        if (!paid.ok()) {
            throw MarketRefused.conflict("MARKET_LEDGER_REFUSED", null, "error.ledger", paid.code());
        }
        long transferId = paid.transferId().orElseThrow();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO leifeng_market_redemption (id, market_id,"
                + " member_id, idempotency_key, content, transfer_id, total_tenths, month, at, by_user)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, marketId);
            s.setLong(3, memberId);
            s.setString(4, key);
            s.setString(5, content);
            s.setLong(6, transferId);
            s.setLong(7, total);
            s.setString(8, month);
            s.setTimestamp(9, Timestamp.from(now));
            s.setLong(10, caller.userId());
            s.executeUpdate();
        }
        context.require(AuditTrail.class)
                .record(
                        tx,
                        "GOODS_REDEEMED",
                        "REDEMPTION",
                        Long.toString(id),
                        Optional.of(market.organizationId()),
                        "兑换物品，共 " + points(total) + " 积分",
                        Map.of());
        return new Redemption(id, marketId, memberId, transferId, total, lines, false);
    }

    /**
     * The one eligibility check, for the counter and reservations alike: refused with
     * MARKET_NOT_ELIGIBLE naming the item and the rule in words (a member the caller cannot read is
     * eligible for nothing but what everyone may have).
     */
    private void eligible(PluginCaller caller, Markets.Market market, Goods.Item item, Optional<MemberRef> member) {
        boolean ok = member.isPresent()
                && switch (item.eligibility().rule()) {
                    case EVERYONE -> true;
                    case VOLUNTEERS -> member.get().volunteer();
                    case TAG ->
                        member.get().tags().contains(item.eligibility().tag().orElse(""));
                    case RESIDENTS -> within(member.get().organizationId(), market.organizationId());
                };
        if (!ok) {
            Goods names = new Goods(context);
            throw MarketRefused.conflict(
                    "MARKET_NOT_ELIGIBLE",
                    "lines",
                    "error.not-eligible",
                    item.name(),
                    new Words(item.eligibility(), names.organizationName(market)));
        }
    }

    /**
     * Whether an organization is the ancestor or inside its subtree: the tree's shape, read as the
     * platform (it says nothing of any person), walking up from the organization.
     */
    private boolean within(long organizationId, long ancestorId) {
        Access access = context.require(Access.class);
        PluginCaller platform = access.system();
        Optional<Long> at = Optional.of(organizationId);
        for (int depth = 0; at.isPresent() && depth < 32; depth++) {
            if (at.get() == ancestorId) {
                return true;
            }
            at = access.organization(platform, at.get()).flatMap(org.gongjian.plugin.api.OrganizationRef::parentId);
        }
        return false;
    }

    /** A rule in words, put in the caller's language when the refusal's message is. */
    record Words(Eligibility eligibility, String organizationName) {

        String in(java.util.Locale locale) {
            return eligibility.words(locale, organizationName);
        }
    }

    /** A member's points of the market's kind, in tenths, as the caller may read them. */
    long balance(PluginCaller caller, long memberId, Markets.Market market) {
        return context.require(PointsLedger.class).balances(caller, memberId).stream()
                .filter(b -> b.assetCode().equals(market.assetCode()))
                .mapToLong(org.gongjian.plugin.api.Balance::amount)
                .sum();
    }

    /** The market's own account in the host's ledger, for its point kind. */
    PluginAccount account(PluginTransaction tx, Markets.Market market) {
        return context.require(PointsLedger.class)
                .account(tx, "MARKET_" + market.id(), market.organizationId(), market.assetCode());
    }

    /** The redemption already made with this request id, if any; another content under it is refused. */
    private static Optional<Redemption> earlier(
            Connection c, long marketId, String key, String content, List<Line> lines) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, member_id, transfer_id, total_tenths, content"
                + " FROM leifeng_market_redemption WHERE market_id = ? AND idempotency_key = ? FOR UPDATE")) {
            s.setLong(1, marketId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                if (!content.equals(r.getString(5))) {
                    throw MarketRefused.conflict("MARKET_KEY_REUSED", null, "error.key-reused");
                }
                return Optional.of(
                        new Redemption(r.getLong(1), marketId, r.getLong(2), r.getLong(3), r.getLong(4), lines, true));
            }
        }
    }

    /** How many of the item the member redeemed in the month; read under the item's lock. */
    private static long redeemedThisMonth(Connection c, long memberId, long itemId, String month) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(l.quantity), 0)"
                + " FROM leifeng_market_redemption_line l JOIN leifeng_market_redemption r ON r.id = l.redemption_id"
                + " WHERE r.member_id = ? AND r.month = ? AND l.item_id = ?")) {
            s.setLong(1, memberId);
            s.setString(2, month);
            s.setLong(3, itemId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Tenths as points for people: 125 → "12.5", 120 → "12". */
    static String points(long tenths) {
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + Math.abs(tenths % 10);
    }
}
