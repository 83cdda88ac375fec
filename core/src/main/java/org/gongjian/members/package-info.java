/**
 * Members: one record per person (party member, volunteer, resident) in one organization, with
 * personal data protected (ID card number and phone encrypted, shown masked, unmasked only by
 * administrators and audited), pinyin for search ("zs" finds 张三), tags, party and volunteer
 * data, optimistic versions, transfers between organizations (组织关系转接) with their history, and
 * households. Every read and change is scoped to the caller's organization subtrees; the REST API
 * is {@code /api/members} and {@code /api/households}. It owns the {@code member}, {@code
 * member_tag}, {@code household} and {@code member_transfer} tables; other features read them
 * through {@link org.gongjian.access.MemberScopes} (scope and name by id, one query for many ids),
 * {@link org.gongjian.members.Relatives} (a member's household ties) and {@link
 * org.gongjian.organizations.MemberCounts} (the tree's member counts), never with their own SQL.
 */
package org.gongjian.members;
