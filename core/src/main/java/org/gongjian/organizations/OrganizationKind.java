package org.gongjian.organizations;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kinds of organization in the tree (see the glossary in DOMAIN.md) and where each may stand.
 *
 * <p>Party organizations and geographic units share one tree, because a secretary's rights cover a
 * subtree: the branches of a community must lie below the community to be in its secretary's
 * scope. Hence a branch may stand below a community or village (社区党支部, 村党支部) as well as below
 * a party committee or general branch.
 *
 * <table>
 *   <caption>Which kinds a parent accepts</caption>
 *   <tr><th>parent</th><th>children it accepts</th></tr>
 *   <tr><td>(none: top level)</td><td>PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, COMMUNITY, VILLAGE</td></tr>
 *   <tr><td>PARTY_COMMITTEE 党委</td><td>PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, COMMUNITY, VILLAGE</td></tr>
 *   <tr><td>GENERAL_BRANCH 党总支</td><td>BRANCH, GROUP</td></tr>
 *   <tr><td>BRANCH 党支部</td><td>GROUP</td></tr>
 *   <tr><td>GROUP 党小组</td><td>nothing</td></tr>
 *   <tr><td>COMMUNITY 社区, VILLAGE 村</td><td>PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, GRID</td></tr>
 *   <tr><td>GRID 网格</td><td>nothing</td></tr>
 * </table>
 *
 * <p>So a GRID stands only below a COMMUNITY or VILLAGE and a GROUP only below a BRANCH or
 * GENERAL_BRANCH; neither may be at the top level.
 */
public enum OrganizationKind {
    PARTY_COMMITTEE,
    GENERAL_BRANCH,
    BRANCH,
    GROUP,
    COMMUNITY,
    VILLAGE,
    GRID;

    private static final Set<OrganizationKind> TOP_LEVEL =
            EnumSet.of(PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, COMMUNITY, VILLAGE);

    /** Whether an organization of this kind may be at the top of the tree (have no parent). */
    public boolean mayBeTopLevel() {
        return TOP_LEVEL.contains(this);
    }

    /** The kinds an organization of this kind accepts as children. */
    public Set<OrganizationKind> childKinds() {
        return switch (this) {
            case PARTY_COMMITTEE -> EnumSet.of(PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, COMMUNITY, VILLAGE);
            case GENERAL_BRANCH -> EnumSet.of(BRANCH, GROUP);
            case BRANCH -> EnumSet.of(GROUP);
            case COMMUNITY, VILLAGE -> EnumSet.of(PARTY_COMMITTEE, GENERAL_BRANCH, BRANCH, GRID);
            case GROUP, GRID -> EnumSet.noneOf(OrganizationKind.class);
        };
    }

    /** Whether an organization of this kind accepts a child of {@code child}'s kind. */
    public boolean accepts(OrganizationKind child) {
        return childKinds().contains(child);
    }
}
