/**
 * Points and time coins as people see them (积分与时间币): a member's accounts and statements with
 * the reason and category of every line, manual awards and deductions, the approvals inbox where a
 * second administrator decides large adjustments, the rules editor with point kinds, and the
 * rankings board (积分排行 / 红黑榜), each with its menu entry (审批 with the number waiting). Everything goes through the core services of
 * {@link org.gongjian.ledger} and {@link org.gongjian.points}, on behalf of the signed-in caller.
 */
package org.gongjian.ui.points;
