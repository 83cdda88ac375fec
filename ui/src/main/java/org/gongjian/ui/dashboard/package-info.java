/**
 * The first page after sign-in: the numbers a secretary checks, each contributed by its feature as
 * a {@link org.gongjian.ui.dashboard.DashboardCard} bean and counted within the caller's scope,
 * the numbers plugins contribute, and the ledger's reconciliation for platform administrators.
 * The dashboard's own menu entry lives here too.
 */
package org.gongjian.ui.dashboard;
