package org.gongjian.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * A member as plugins see it: what a counter or a list needs, personal data masked. Plugins never
 * receive an identity number or a full phone number.
 *
 * @param phoneMasked e.g. {@code 138****5678}
 * @param tags the member's tags, e.g. {@code 志愿者}, for eligibility rules
 * @param volunteer whether the member is a registered volunteer
 * @param active false once the member left or died
 * @since 0.2
 */
public record MemberRef(
        long id,
        String name,
        long organizationId,
        String organizationName,
        Optional<String> phoneMasked,
        List<String> tags,
        boolean volunteer,
        boolean active) {}
