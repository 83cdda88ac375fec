package org.gongjian.security;

/** What a user may do; a role is granted on an organization and covers its subtree. */
public enum Role {
    /** Runs the platform: plugins, users of every organization. Not tied to an organization. */
    PLATFORM_ADMIN,
    /** A secretary: manages an organization's subtree. */
    ORG_ADMIN,
    /** Helps a secretary: records and reads, within the subtree. */
    ORG_STAFF,
    /** Self-service: own points, hours and sign-ups. */
    VOLUNTEER
}
