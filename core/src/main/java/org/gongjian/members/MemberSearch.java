package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;

/**
 * A member search; null means "any". Always limited to what the caller may read.
 *
 * @param q a name prefix (张 / 张三), a pinyin prefix (zhang / zhangsan) or initials prefix (zs),
 *     or the last four characters of the phone or ID number (1234, 123X)
 * @param organizationId only this organization's subtree (it must be readable by the caller)
 * @param page zero-based
 * @param size 1-200
 * @param sort {@code name} (pinyin, default), {@code created} or {@code id}; a leading {@code -}
 *     sorts descending
 */
public record MemberSearch(
        @Nullable String q,
        @Nullable Long organizationId,
        @Nullable String status,
        @Nullable String tag,
        @Nullable Boolean volunteer,
        @Nullable String partyStatus,
        int page,
        int size,
        @Nullable String sort) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    /** The first page of 50 for {@code q}, sorted by name. */
    public static MemberSearch of(@Nullable String q) {
        return new MemberSearch(q, null, null, null, null, null, 0, DEFAULT_SIZE, null);
    }

    public MemberSearch withQueryOf(String value) {
        return new MemberSearch(value, organizationId, status, tag, volunteer, partyStatus, page, size, sort);
    }

    public MemberSearch inOrganization(long id) {
        return new MemberSearch(q, id, status, tag, volunteer, partyStatus, page, size, sort);
    }

    public MemberSearch withStatus(String value) {
        return new MemberSearch(q, organizationId, value, tag, volunteer, partyStatus, page, size, sort);
    }

    public MemberSearch withTag(String value) {
        return new MemberSearch(q, organizationId, status, value, volunteer, partyStatus, page, size, sort);
    }

    public MemberSearch withVolunteer(Boolean value) {
        return new MemberSearch(q, organizationId, status, tag, value, partyStatus, page, size, sort);
    }

    public MemberSearch withPartyStatus(String value) {
        return new MemberSearch(q, organizationId, status, tag, volunteer, value, page, size, sort);
    }

    public MemberSearch page(int number, int pageSize) {
        return new MemberSearch(q, organizationId, status, tag, volunteer, partyStatus, number, pageSize, sort);
    }

    public MemberSearch sortedBy(String value) {
        return new MemberSearch(q, organizationId, status, tag, volunteer, partyStatus, page, size, value);
    }
}
