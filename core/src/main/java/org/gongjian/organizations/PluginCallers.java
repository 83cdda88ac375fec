package org.gongjian.organizations;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.plugin.api.OrganizationGrant;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostCallers;

/**
 * Hands a signed-in {@link Caller} to plugins: {@code pluginCallers.of(caller, locale)} is the
 * {@link HostCaller} a plugin page, endpoint or dashboard metric receives, with the caller's grants
 * named after their organizations (one query) and the language reduced to the two the platform
 * speaks ({@code en} for English, {@code zh-CN} for everything else).
 */
@Singleton
public class PluginCallers implements HostCallers {

    private final Organizations organizations;

    PluginCallers(Organizations organizations) {
        this.organizations = organizations;
    }

    /** The caller as plugins see it; a platform administrator's grant names no organization and is left out. */
    @Override
    public HostCaller of(Caller caller, Locale locale) {
        Objects.requireNonNull(caller, "caller");
        List<Long> ids = caller.grants().stream()
                .map(Grant::organizationId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, Organization> found = organizations.find(ids);
        List<OrganizationGrant> grants = caller.grants().stream()
                .filter(g -> g.organizationId() != null && found.containsKey(g.organizationId()))
                .map(g -> new OrganizationGrant(
                        PluginRole.valueOf(g.role().name()),
                        g.organizationId(),
                        found.get(g.organizationId()).name()))
                .toList();
        return HostCaller.signedIn(caller, grants, HostCallers.language(locale));
    }
}
