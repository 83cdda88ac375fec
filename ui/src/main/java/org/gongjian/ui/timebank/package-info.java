/**
 * The time bank in the admin UI: a member's time-bank card (balance in hours, statement with the
 * reason and category of every line, a deposit form that validates as the user types) shown on
 * the member page, the volunteer stars earned by service hours (also on 我的积分), and the
 * time-bank page with an organization's policy and the flows between communities (通存通兑), with
 * its menu entry. Everything goes through {@link org.gongjian.timebank.TimeBank}.
 */
package org.gongjian.ui.timebank;
