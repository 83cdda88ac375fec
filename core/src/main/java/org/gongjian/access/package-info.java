/**
 * Who is asking and what they may touch. A {@link org.gongjian.access.Caller} carries the roles a
 * user holds, each granted on an organization and covering its subtree (by materialized path).
 * Every service method that reads or changes scoped data takes a Caller and checks or filters by
 * it; an object outside the caller's subtree is treated exactly like one that does not exist.
 * This package sits below every feature and reads no table: the security feature answers
 * {@link org.gongjian.access.CallerSource} (a user's grants) and the members feature answers
 * {@link org.gongjian.access.MemberScopes} (where a member sits, their name), so that features
 * scoping by a member ask the owner instead of reading the {@code member} table.
 */
package org.gongjian.access;
