/**
 * 雷锋超市, the Lei Feng market: markets of a community, their goods and stock (an append-only
 * movement ledger fed by donations), and redemptions at the counter that take the member's points
 * through the host's ledger and the goods out of stock in one unit of work, or neither. Built on
 * the plugin SDK only.
 */
package org.gongjian.plugins.leifengmarket;
