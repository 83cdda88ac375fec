package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import org.gongjian.plugin.api.EventType;
import org.pf4j.Extension;

/** The event of a redemption: quantity is the whole points redeemed (attribute {@code tenths}: exactly); offered in the points rules editor. */
@Extension
public class MarketRedeemed implements EventType {

    @Override
    public String type() {
        return Redemptions.REDEEMED;
    }

    @Override
    public String label(Locale locale) {
        return Messages.get(locale, "event.redeemed");
    }

    @Override
    public String quantityUnit(Locale locale) {
        return Messages.get(locale, "event.redeemed.unit");
    }
}
