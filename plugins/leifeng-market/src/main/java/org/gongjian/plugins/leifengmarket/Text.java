package org.gongjian.plugins.leifengmarket;

/** The market's checks of free text and quantities, the same for every endpoint and page. */
final class Text {

    static final int MAX_QUANTITY = 999;

    private Text() {}

    /** A name of 1 to 60 characters, trimmed, without control characters. */
    static String name(String value, String field) {
        return name(value, field, "MARKET_NAME_INVALID", "error.name");
    }

    /** A text of 1 to 60 characters, trimmed, without control characters; otherwise refused with {@code code}. */
    static String name(String value, String field, String code, String messageKey) {
        String text = value == null ? "" : value.strip();
        int length = text.codePointCount(0, text.length());
        if (length == 0 || length > 60 || text.chars().anyMatch(Character::isISOControl)) {
            throw MarketRefused.invalid(code, field, messageKey);
        }
        return text;
    }

    /** A quantity of 1 to {@value #MAX_QUANTITY}. */
    static long quantity(long quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw MarketRefused.invalid("MARKET_QUANTITY_INVALID", "quantity", "error.quantity");
        }
        return quantity;
    }
}
