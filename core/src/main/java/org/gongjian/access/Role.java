package org.gongjian.access;

/** What a user may do; a role is granted on an organization and covers its subtree. */
public enum Role {
    /** Runs the platform: plugins, every organization, every user. Not tied to an organization. */
    PLATFORM_ADMIN,
    /** A secretary: manages an organization's subtree, its members, staff and structure. */
    ORG_ADMIN,
    /** Helps a secretary: reads and records members within the subtree; sees personal data masked. */
    ORG_STAFF,
    /** Self-service: own record, points and hours only. */
    VOLUNTEER
}
