package org.gongjian.plugins.leifengmarket;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One item and how many of it, in a donation or a redemption. */
record Line(long itemId, long quantity) {

    static final int MAX_LINES = 20;

    /** 1 to 20 lines, each item once, quantities 1 to 999; sorted by item id (the order rows are locked in). */
    static List<Line> checked(List<Line> lines) {
        if (lines == null || lines.isEmpty()) {
            throw MarketRefused.invalid("MARKET_NO_LINES", "lines", "error.no-lines");
        }
        if (lines.size() > MAX_LINES) {
            throw MarketRefused.invalid("MARKET_TOO_MANY_LINES", "lines", "error.too-many-lines");
        }
        Set<Long> seen = new HashSet<>();
        for (Line line : lines) {
            Text.quantity(line.quantity());
            if (!seen.add(line.itemId())) {
                throw MarketRefused.invalid("MARKET_ITEM_REPEATED", "lines", "error.item-repeated");
            }
        }
        return lines.stream()
                .sorted(java.util.Comparator.comparingLong(Line::itemId))
                .toList();
    }
}
