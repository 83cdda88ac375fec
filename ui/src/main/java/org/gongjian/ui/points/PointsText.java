package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.gongjian.ledger.AssetType;
import org.gongjian.time.ApplicationTime;

/**
 * How amounts, reasons and categories read: stored smallest units shown by the asset's scale
 * (minutes as hours with one decimal, "1.5 小时"; tenths of points, "12.5 分"), codes as words in
 * the user's language, and a code the bundles do not know as it is.
 */
final class PointsText {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PointsText() {}

    /** The amount in displayed units, e.g. 90 minutes → "1.5", 125 tenths → "12.5", 120 tenths → "12". */
    static String number(long amount, int unitScale, AssetType type) {
        BigDecimal value = BigDecimal.valueOf(amount);
        if (type == AssetType.TIME) {
            return value.divide(BigDecimal.valueOf(unitScale), 1, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return value.divide(BigDecimal.valueOf(unitScale)).stripTrailingZeros().toPlainString();
    }

    /** The amount with its unit: "1.5 小时", "12.5 分". */
    static String amount(Component c, long amount, int unitScale, AssetType type) {
        return c.getTranslation(
                type == AssetType.TIME ? "points.unit.hours" : "points.unit.points", number(amount, unitScale, type));
    }

    /** The amount with its sign and unit: "+1.5 小时", "-3 分". */
    static String signed(Component c, long amount, int unitScale, AssetType type) {
        return (amount > 0 ? "+" : "") + amount(c, amount, unitScale, type);
    }

    /** How many decimals a kind's points may have: 0 for whole points, 1 for tenths, 2 for hundredths. */
    static int decimals(int unitScale) {
        return Integer.toString(unitScale).length() - 1;
    }

    static String reason(Component c, String code) {
        return word(c, "points.reason.", code);
    }

    static String category(Component c, String code) {
        return word(c, "points.category.", code);
    }

    static String time(Instant at) {
        return TIME.format(at.atZone(ApplicationTime.ZONE));
    }

    private static String word(Component c, String prefix, String code) {
        if (code == null) {
            return "";
        }
        String text = c.getTranslation(prefix + code);
        return text.startsWith("!") ? code : text;
    }

    /**
     * Points typed by a person in displayed units ("12.5") as smallest units (125 for tenths), or
     * null when the text is not a positive number with at most the decimals the scale allows.
     */
    static Long parsePositive(String text, int unitScale) {
        Long units = parse(text, unitScale);
        return units == null || units <= 0 ? null : units;
    }

    /** Like {@link #parsePositive} but a negative number is allowed (a deduction); zero is not. */
    static Long parse(String text, int unitScale) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip()).multiply(BigDecimal.valueOf(unitScale));
            if (value.signum() == 0 || value.stripTrailingZeros().scale() > 0) {
                return null;
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
