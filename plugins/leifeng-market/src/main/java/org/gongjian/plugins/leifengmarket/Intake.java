package org.gongjian.plugins.leifengmarket;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One line of goods coming in (a donation or a purchase): the item, how many, and the expiry date if any. */
record Intake(long itemId, long quantity, Optional<LocalDate> expiresOn) {

    /** The lines checked as {@link Line#checked}, each expiry today or later (and within 20 years); sorted by item. */
    static List<Intake> checked(List<Intake> lines, LocalDate today) {
        Line.checked(lines == null ? null : lines.stream().map(Intake::line).toList());
        for (Intake line : lines) {
            if (line.expiresOn().isPresent()
                    && (line.expiresOn().get().isBefore(today)
                            || line.expiresOn().get().isAfter(today.plusYears(20)))) {
                throw MarketRefused.invalid("MARKET_EXPIRY_INVALID", "lines", "error.expiry");
            }
        }
        return lines.stream().sorted(Comparator.comparingLong(Intake::itemId)).toList();
    }

    Line line() {
        return new Line(itemId, quantity);
    }
}
