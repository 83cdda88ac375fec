package org.gongjian.plugin.api;

/**
 * A member of the same household and how they relate to its head.
 *
 * @param relation the host's household relation, e.g. {@code HEAD}, {@code SPOUSE}, {@code CHILD}
 * @since 0.2
 */
public record Relative(MemberRef member, String relation) {}
