/**
 * Members: one record per person (party member, volunteer, resident), belonging to one
 * organization. The walking skeleton stores the name only; personal data arrives with the people
 * and organizations feature.
 */
package org.gongjian.members;
