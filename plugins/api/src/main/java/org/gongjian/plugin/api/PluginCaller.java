package org.gongjian.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * The signed-in user on whose behalf a plugin page, endpoint or job runs. Only the host creates
 * callers: a service of this SDK refuses a caller it did not hand out. Use {@link Access} to ask
 * whether the caller may act on an organization or a member; never decide it from the grants
 * yourself.
 *
 * @since 0.2
 */
public interface PluginCaller {

    long userId();

    String username();

    /** The member record the user signs in as, if any (every volunteer has one). */
    Optional<Long> memberId();

    /** The roles with the organizations they are held on; a platform administrator's has none. */
    List<OrganizationGrant> grants();

    boolean isPlatformAdmin();

    /** Whether the caller holds the role on any organization. */
    boolean has(PluginRole role);

    /** The caller's language: {@code zh-CN} or {@code en}. */
    java.util.Locale locale();

    /** The platform itself (scheduled jobs, event listeners): no user, every organization. */
    boolean isSystem();
}
