package org.gongjian.members;

/** How a member relates to the head of their household (the time bank's gifts follow these). */
public enum HouseholdRelation {
    HEAD,
    SPOUSE,
    PARENT,
    CHILD,
    OTHER
}
