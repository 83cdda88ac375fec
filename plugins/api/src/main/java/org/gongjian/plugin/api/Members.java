package org.gongjian.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Reads members, masked and scoped to the caller: a member outside the caller's subtree is
 * answered as missing. Read only; plugins never change member records.
 *
 * @since 0.2
 */
public interface Members {

    /** The most a search answers. */
    int MAX_RESULTS = 50;

    Optional<MemberRef> member(PluginCaller caller, long memberId);

    /**
     * Members whose name contains the text, whose pinyin or pinyin initials start with it, or whose
     * phone ends with these 4 digits; active members first, at most {@code limit} (≤ {@link
     * #MAX_RESULTS}).
     */
    List<MemberRef> search(PluginCaller caller, String text, int limit);

    /** The caller's own member record (a volunteer's), if the user has one. */
    Optional<MemberRef> own(PluginCaller caller);

    /** The other members of the member's household; empty when none or not readable. */
    List<Relative> relatives(PluginCaller caller, long memberId);

    /**
     * The member a scanned member code names: the code a member shows on their phone (我的会员码) or
     * on a printed card, as a hand scanner types it. Empty when the member is outside the caller's
     * subtree or gone, exactly like a member that does not exist.
     *
     * @param scanned the text of the code; surrounding blanks and letter case do not matter
     * @throws EndpointException {@code 400 MEMBER_CODE_INVALID} when the text is no member code of
     *     this platform (a pickup code, a typo, a forged or altered code); {@code 409
     *     MEMBER_CODE_REVOKED} when the member's code was re-issued since (a lost card): the message
     *     is in the caller's language, for the page to show as it is
     * @since 0.3
     */
    Optional<MemberRef> byCode(PluginCaller caller, String scanned);
}
