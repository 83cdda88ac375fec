package org.gongjian.plugin.api;

import java.util.Optional;

/**
 * An organization as plugins see it.
 *
 * @param kind e.g. {@code COMMUNITY}, {@code GRID}, {@code BRANCH} (the host's organization kinds)
 * @param parentId empty for a root
 * @since 0.2
 */
public record OrganizationRef(long id, String name, String kind, Optional<Long> parentId) {}
