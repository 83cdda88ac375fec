package org.gongjian.plugins.leifengmarket;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock ledger ({@code leifeng_market_movement}): every change of what is on hand is a movement
 * written in the same statement pair as the item's {@code on_hand}, under the item's row lock.
 */
final class Stock {

    private Stock() {}

    /**
     * Locks the items of the lines, in item id order (so two units never wait for each other in a
     * cycle), and answers them by id.
     *
     * @throws MarketRefused MARKET_ITEM_NOT_FOUND for an item of another market, or none
     */
    static Map<Long, Goods.Item> lock(Connection c, long marketId, List<Line> lines) throws SQLException {
        Map<Long, Goods.Item> items = new LinkedHashMap<>();
        for (Line line : lines) {
            try (PreparedStatement s =
                    c.prepareStatement(Goods.SELECT + " WHERE id = ? AND market_id = ? FOR UPDATE")) {
                s.setLong(1, line.itemId());
                s.setLong(2, marketId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw MarketRefused.invalid("MARKET_ITEM_NOT_FOUND", "lines", "error.item-not-found");
                    }
                    items.put(line.itemId(), Goods.item(r));
                }
            }
        }
        return items;
    }

    /** Goods coming in, donated ({@code IN}) or purchased ({@code PURCHASE}), with their expiry date if they have one. */
    static void receive(
            Connection c,
            long id,
            long itemId,
            String kind,
            long quantity,
            Long donationId,
            Long purchaseId,
            java.time.LocalDate expiresOn,
            Instant at,
            long byUser)
            throws SQLException {
        write(c, id, itemId, kind, quantity, null, donationId, purchaseId, expiresOn, null, at, byUser);
    }

    /** Writes a movement and changes the item's {@code on_hand} by {@code quantity} (negative: out). */
    static void move(
            Connection c,
            long id,
            long itemId,
            String kind,
            long quantity,
            Long redemptionId,
            Long donationId,
            String reason,
            Instant at,
            long byUser)
            throws SQLException {
        write(c, id, itemId, kind, quantity, redemptionId, donationId, null, null, reason, at, byUser);
    }

    private static void write(
            Connection c,
            long id,
            long itemId,
            String kind,
            long quantity,
            Long redemptionId,
            Long donationId,
            Long purchaseId,
            java.time.LocalDate expiresOn,
            String reason,
            Instant at,
            long byUser)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO leifeng_market_movement"
                + " (id, item_id, kind, quantity, redemption_id, donation_id, purchase_id, expires_on, reason, at,"
                + " by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, id);
            s.setLong(2, itemId);
            s.setString(3, kind);
            s.setLong(4, quantity);
            s.setObject(5, redemptionId);
            s.setObject(6, donationId);
            s.setObject(7, purchaseId);
            s.setObject(8, expiresOn);
            s.setString(9, reason);
            s.setTimestamp(10, Timestamp.from(at));
            s.setLong(11, byUser);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("UPDATE leifeng_market_item SET on_hand = on_hand + ? WHERE id = ?")) {
            s.setLong(1, quantity);
            s.setLong(2, itemId);
            s.executeUpdate();
        }
    }
}
