package org.gongjian.ui.plugins;

import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.Role;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.PluginRole;
import org.gongjian.plugins.PluginEnablement;
import org.gongjian.plugins.PluginHost;
import org.gongjian.sdk.HostCaller;
import org.gongjian.sdk.HostCallers;
import org.gongjian.ui.security.CurrentUser;

/**
 * What the UI needs to show plugin contributions: the signed-in caller (as the host and as plugins
 * see it), whether a contribution is shown to them (one of its roles, and the plugin on where they
 * work), and the construction of plugin components with the context and the caller.
 */
@Singleton
public final class PluginUi {

    private final PluginHost host;
    private final PluginEnablement enablement;
    private final Callers callers;
    private final MemberScopes members;
    private final HostCallers pluginCallers;

    PluginUi(
            PluginHost host,
            PluginEnablement enablement,
            Callers callers,
            MemberScopes members,
            HostCallers pluginCallers) {
        this.pluginCallers = pluginCallers;
        this.host = host;
        this.enablement = enablement;
        this.callers = callers;
        this.members = members;
    }

    /** Whether a self-service page of the plugin is for the caller: a member record, and the plugin on for its organization. */
    public boolean selfServiceShown(Caller caller, String pluginId) {
        return caller.memberId() != null
                && members.of(caller.memberId())
                        .map(scope -> enablement.enabledFor(pluginId, scope.organizationId()))
                        .orElse(false);
    }

    /** The user signed in to this Vaadin session, with their grants read now. */
    public Optional<Caller> caller() {
        return CurrentUser.get().map(u -> callers.forUser(u.id()));
    }

    public HostCaller pluginCaller(Caller caller, Locale locale) {
        return pluginCallers.of(caller, locale);
    }

    /** Whether a contribution with these roles of this plugin is shown to the caller. */
    public boolean shown(Caller caller, String pluginId, Set<PluginRole> roles) {
        return holdsOne(caller, roles) && enablement.enabledWithin(pluginId, caller);
    }

    /** Whether the plugin is on for the organization (a member's, for a member section). */
    public boolean enabledFor(String pluginId, long organizationId) {
        return enablement.enabledFor(pluginId, organizationId);
    }

    static boolean holdsOne(Caller caller, Set<PluginRole> roles) {
        return roles != null && roles.stream().anyMatch(r -> caller.has(Role.valueOf(r.name())));
    }

    /**
     * A component of a started plugin, constructed with ({@link PluginContext}, {@link PluginCaller},
     * {@code extra...}) when it has that constructor, else as the host constructs plugin classes (the
     * context only, or nothing).
     */
    public <T> T create(Class<T> type, PluginCaller caller, Object... extra) {
        return host.create(type, caller, extra);
    }
}
