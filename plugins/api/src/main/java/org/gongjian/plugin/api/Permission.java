package org.gongjian.plugin.api;

/**
 * What a caller wants to do with an organization or a member, checked by {@link Access}.
 *
 * @since 0.2
 */
public enum Permission {
    /** See it: any role on the subtree (a volunteer: only the own member record). */
    READ,
    /** Record things for it: staff and administrators of the subtree. */
    RECORD,
    /** Change its setup: administrators of the subtree. */
    MANAGE
}
