package org.gongjian.timebank;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes shown as hours (time coins) with one decimal: 90 minutes are 1.5 h, 100 minutes 1.7 h. */
public final class Hours {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private Hours() {}

    /** The hours of {@code minutes}, rounded half up to one decimal (a negative amount stays negative). */
    public static BigDecimal of(long minutes) {
        return BigDecimal.valueOf(minutes).divide(SIXTY, 1, RoundingMode.HALF_UP);
    }
}
