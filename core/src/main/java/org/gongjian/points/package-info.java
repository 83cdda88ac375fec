/**
 * Points on the ledger: point kinds per organization (smallest unit, negative balances, expiry),
 * rules that turn domain events into awards and deductions with caps, manual adjustments with a
 * second administrator's approval above a threshold, scheduled expiry applied once per period,
 * rankings per kind, subtree and period with a public board (红黑榜), and volunteer star ratings.
 */
package org.gongjian.points;
