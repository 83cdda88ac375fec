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
}
