/**
 * Members: one record per person (party member, volunteer, resident) in one organization, with
 * personal data protected (ID card number and phone encrypted, shown masked, unmasked only by
 * administrators and audited), pinyin for search ("zs" finds 张三), tags, party and volunteer
 * data, optimistic versions, transfers between organizations (组织关系转接) with their history, and
 * households. Every read and change is scoped to the caller's organization subtrees; the REST API
 * is {@code /api/members} and {@code /api/households}.
 */
package org.gongjian.members;
