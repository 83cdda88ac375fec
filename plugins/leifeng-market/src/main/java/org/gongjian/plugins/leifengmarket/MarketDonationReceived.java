package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import org.gongjian.plugin.api.EventType;
import org.pf4j.Extension;

/** The event of a donation by a resident: quantity is the number of items; offered in the points rules editor. */
@Extension
public class MarketDonationReceived implements EventType {

    @Override
    public String type() {
        return Donations.DONATED;
    }

    @Override
    public String label(Locale locale) {
        return Messages.get(locale, "event.donated");
    }

    @Override
    public String quantityUnit(Locale locale) {
        return Messages.get(locale, "event.donated.unit");
    }
}
