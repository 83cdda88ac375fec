package org.gongjian.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Who is asking and what they may do. The same rules the host's own pages and endpoints follow: a
 * role covers the subtree of the organization it is held on; a volunteer reads only the own
 * member. An object outside the caller's subtree must be answered exactly like a missing one.
 *
 * @since 0.2
 */
public interface Access {

    /**
     * The caller of the current plugin page or endpoint request, on the thread that handles it.
     * Empty outside a request (then use the caller handed to a job or listener).
     */
    Optional<PluginCaller> currentCaller();

    /** The platform itself, for scheduled jobs and event listeners of this plugin. */
    PluginCaller system();

    /** Whether the caller may do this with the organization (and, by that, its subtree). */
    boolean may(PluginCaller caller, Permission permission, long organizationId);

    /** Whether the caller may do this with the member (decided by the member's organization). */
    boolean mayOnMember(PluginCaller caller, Permission permission, long memberId);

    /** The organizations the caller reads, at the top of each granted subtree, for pickers. */
    List<OrganizationRef> organizations(PluginCaller caller);

    /** One organization, if it exists and the caller may read it. */
    Optional<OrganizationRef> organization(PluginCaller caller, long organizationId);

    /** Whether this plugin is enabled for the organization (set by its administrators). */
    boolean enabledFor(long organizationId);
}
