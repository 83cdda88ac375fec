package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import org.gongjian.plugin.api.EventType;

/** What the market's event types share: the label and the unit from the messages. */
abstract class MarketEventType implements EventType {

    private final String type;
    private final String key;

    MarketEventType(String type, String key) {
        this.type = type;
        this.key = key;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final String label(Locale locale) {
        return Messages.get(locale, key);
    }

    @Override
    public final String quantityUnit(Locale locale) {
        return Messages.get(locale, key + ".unit");
    }
}
