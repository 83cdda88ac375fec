package org.gongjian.timebank;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The time-bank rules of an organization's subtree.
 *
 * @param spendingMinAge from this age a member (or their spouse) may spend: pay for services and
 *     redeem (0–120; 60 by default, as in Beijing, Shanghai and Nanjing)
 * @param storageCapMinutes the most a member's account may hold (90,000 minutes = 1500 h by
 *     default, Nanjing's cap); deposits, payments and gifts beyond it are refused
 * @param giftsAllowed whether members may gift minutes to direct relatives of their household
 * @param donationsAllowed whether members may donate minutes to a community pool
 */
@Serdeable
public record TimeBankPolicy(
        int spendingMinAge, long storageCapMinutes, boolean giftsAllowed, boolean donationsAllowed) {

    /** Where no organization on the path sets a policy. */
    public static final TimeBankPolicy DEFAULTS = new TimeBankPolicy(60, 90_000, true, true);
}
