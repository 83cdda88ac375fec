/**
 * Members' codes (会员码): the code a member shows on their phone or on a printed card, scanned at a
 * counter or by an activity's organizer to name the member without a search. A code is a token
 * signed with a key derived from the server's secret ({@code personaldata.SecretKeys}): the
 * member's id and the code's version, encrypted (no id and no personal data in clear) and
 * authenticated (HMAC-SHA256), so that a forged or altered code is refused ({@code
 * MEMBER_CODE_INVALID}). Staff of the member's subtree re-issue a code for a lost card: the version
 * rises and every older code is refused ({@code MEMBER_CODE_REVOKED}); the re-issue is audited.
 * Resolving a code is scoped like reading the member: a member outside the caller's subtree is not
 * found. It owns the {@code member_code} table (the current version per member) and reads members
 * only through {@link org.gongjian.access.MemberScopes}; the SDK's {@code Members.byCode} (in
 * {@code members}) and the REST API ({@code /api/me/member-code}, {@code
 * /api/members/{id}/member-code}, {@code /api/member-codes/resolve}) call {@link
 * org.gongjian.membercodes.MemberCodes}.
 */
package org.gongjian.membercodes;
