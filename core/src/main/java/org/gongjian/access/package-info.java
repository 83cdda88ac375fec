/**
 * Who is asking and what they may touch. A {@link org.gongjian.access.Caller} carries the roles a
 * user holds, each granted on an organization and covering its subtree (by materialized path).
 * Every service method that reads or changes scoped data takes a Caller and checks or filters by
 * it; an object outside the caller's subtree is treated exactly like one that does not exist.
 */
package org.gongjian.access;
