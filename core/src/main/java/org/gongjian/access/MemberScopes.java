package org.gongjian.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The members feature's answer to "where is this member, and what is their name" for the features
 * that scope by a member (accounts, adjustments, rules, users linked to members) without reading
 * its tables. Declared here, below every feature, and implemented by the members package. Each
 * method runs in the caller's transaction when there is one (so it reads on the connection that
 * holds the caller's locks), else in a read-only one of its own; none locks the member row.
 */
public interface MemberScopes {

    /** The member's scope; empty if there is no such member. */
    Optional<MemberScope> of(long memberId);

    /** The scopes of many members in one query; unknown ids are absent from the answer. */
    Map<Long, MemberScope> of(Collection<Long> memberIds);

    /** The names of members by id in one query; unknown ids are absent from the answer. */
    Map<Long, String> names(Collection<Long> memberIds);
}
