package org.gongjian.plugins.leifengmarket;

import org.pf4j.Extension;

/** The event of a donation by a resident: quantity is the number of items; offered in the points rules editor. */
@Extension
public class MarketDonationReceived extends MarketEventType {

    public MarketDonationReceived() {
        super(Donations.DONATED, "event.donated");
    }
}
