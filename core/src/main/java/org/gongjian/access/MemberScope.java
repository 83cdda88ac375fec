package org.gongjian.access;

/**
 * Where a member sits in the organization tree, as access checks need it: the member's
 * organization and its path (a caller may read the member if it may read the path).
 *
 * @param active whether the member's status is {@code ACTIVE}
 */
public record MemberScope(long memberId, long organizationId, String orgPath, boolean active) {}
