package org.gongjian.timebank;

import static org.gongjian.members.HouseholdRelation.CHILD;
import static org.gongjian.members.HouseholdRelation.HEAD;
import static org.gongjian.members.HouseholdRelation.PARENT;
import static org.gongjian.members.HouseholdRelation.SPOUSE;

import io.micronaut.core.annotation.Nullable;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.gongjian.members.HouseholdRelation;

/**
 * Who counts as a direct relative (直系亲属 and spouse) for time-bank gifts, and who is a spouse for
 * the spending age. A household records each member's relation to its head only, so kinship is
 * derived from two such relations, and only where the derivation is certain.
 *
 * <p>The rule: two different members are direct relatives when both are in the same household and
 * their relations to the head are one of these pairs (in either order):
 *
 * <table>
 *   <caption>Direct pairs</caption>
 *   <tr><td>HEAD – SPOUSE</td><td>spouses</td></tr>
 *   <tr><td>HEAD – PARENT</td><td>child and parent</td></tr>
 *   <tr><td>HEAD – CHILD</td><td>parent and child</td></tr>
 *   <tr><td>SPOUSE – CHILD</td><td>parent and child (the head's child is taken as the couple's)</td></tr>
 *   <tr><td>PARENT – CHILD</td><td>grandparent and grandchild</td></tr>
 * </table>
 *
 * <p>Not direct: SPOUSE – PARENT (in-laws), CHILD – CHILD (siblings), PARENT – PARENT (the
 * relations do not say the two are a couple), anything with OTHER, members of different
 * households or of none, and a member with themself.
 */
final class Kinship {

    private static final Set<Set<HouseholdRelation>> DIRECT = Set.of(
            EnumSet.of(HEAD, SPOUSE),
            EnumSet.of(HEAD, PARENT),
            EnumSet.of(HEAD, CHILD),
            EnumSet.of(SPOUSE, CHILD),
            EnumSet.of(PARENT, CHILD));

    private Kinship() {}

    /** Whether two household placements make two distinct members direct relatives. */
    static boolean direct(
            @Nullable Long householdA,
            @Nullable HouseholdRelation relationA,
            @Nullable Long householdB,
            @Nullable HouseholdRelation relationB) {
        if (householdA == null || !Objects.equals(householdA, householdB) || relationA == null || relationB == null) {
            return false;
        }
        return relationA != relationB && DIRECT.contains(EnumSet.of(relationA, relationB));
    }

    /** The relation a member's spouse has in the same household: HEAD for the SPOUSE and back; else none. */
    static @Nullable HouseholdRelation spouseOf(@Nullable HouseholdRelation relation) {
        if (relation == HEAD) {
            return SPOUSE;
        }
        return relation == SPOUSE ? HEAD : null;
    }
}
