package org.gongjian.organizations;

import java.util.List;
import java.util.Map;

/**
 * The members an organization holds, counted by the members feature, which implements this: the
 * tree shows them and an organization with active members cannot be archived. Declared here so
 * that this package reads no table of the features above it (as with {@link PathCopy}). Both run
 * in the caller's transaction.
 */
public interface MemberCounts {

    /** The active members per organization path, of the paths that start with one of the prefixes. */
    Map<String, Long> activeByPath(List<String> pathPrefixes);

    /**
     * The active members in the subtree at {@code path}, or placed in organization {@code
     * organizationId} as their organization, grid or party branch.
     */
    long activeIn(long organizationId, String path);
}
