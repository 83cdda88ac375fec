/**
 * The organization tree: party organizations (党委 → 党总支 → 党支部 → 党小组) and geographic
 * units (社区/村 → 网格) in one tree, so that a role granted on a community covers its grids and
 * branches. Each node stores its materialized path so that a subtree is one indexed range query;
 * members and households copy the path of their organization, as do features that declare a
 * {@link org.gongjian.organizations.PathCopy}, and a move rewrites those copies in its transaction.
 * {@link org.gongjian.organizations.Organizations} creates, renames, moves and archives nodes on
 * behalf of a caller, within the caller's subtrees and with an audit row per change; {@code
 * /api/orgs} serves the same over HTTP. Member counts come from the members feature through
 * {@link org.gongjian.organizations.MemberCounts}, which it implements: the members feature depends
 * on this package, not the other way round, and this package reads only its {@code organization}
 * table.
 */
package org.gongjian.organizations;
