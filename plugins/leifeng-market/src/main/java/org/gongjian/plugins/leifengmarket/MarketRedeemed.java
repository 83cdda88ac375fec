package org.gongjian.plugins.leifengmarket;

import org.pf4j.Extension;

/** The event of a redemption: quantity is the whole points redeemed (attribute {@code tenths}: exactly); offered in the points rules editor. */
@Extension
public class MarketRedeemed extends MarketEventType {

    public MarketRedeemed() {
        super(Redemptions.REDEEMED, "event.redeemed");
    }
}
