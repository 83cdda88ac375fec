package org.gongjian.organizations;

/** The kinds of organization in the tree (see the glossary in DOMAIN.md). */
public enum OrganizationKind {
    PARTY_COMMITTEE,
    GENERAL_BRANCH,
    BRANCH,
    GROUP,
    COMMUNITY,
    VILLAGE,
    GRID
}
