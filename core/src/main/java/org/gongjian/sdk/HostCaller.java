package org.gongjian.sdk;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.plugin.api.OrganizationGrant;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginRole;

/**
 * The only implementation of the SDK's {@link PluginCaller}: a host {@link Caller} handed to a
 * plugin. Plugins cannot load this class (their class loader sees only the SDK), so an SDK service
 * that receives a caller checks it with {@link #of(PluginCaller)} and never trusts a look-alike.
 */
public final class HostCaller implements PluginCaller {

    private final Caller caller;
    private final List<OrganizationGrant> grants;
    private final Locale locale;
    private final boolean system;

    private HostCaller(Caller caller, List<OrganizationGrant> grants, Locale locale, boolean system) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.grants = List.copyOf(grants);
        this.locale = Objects.requireNonNull(locale, "locale");
        this.system = system;
    }

    /**
     * Hands a signed-in caller to a plugin.
     *
     * @param grants the caller's grants with the organizations' names, in the order of {@link Caller#grants()}
     */
    public static HostCaller signedIn(Caller caller, List<OrganizationGrant> grants, Locale locale) {
        return new HostCaller(caller, grants, locale, false);
    }

    /** The platform itself, for plugins' jobs and listeners. */
    public static HostCaller system() {
        return new HostCaller(Caller.system(), List.of(), Locale.SIMPLIFIED_CHINESE, true);
    }

    /**
     * The host caller behind a caller a plugin passed back.
     *
     * @throws IllegalArgumentException when the host did not create it
     */
    public static HostCaller of(PluginCaller caller) {
        if (caller instanceof HostCaller host) {
            return host;
        }
        throw new IllegalArgumentException("Not a caller handed out by the host");
    }

    /** The host's caller, with its grants and paths. */
    public Caller caller() {
        return caller;
    }

    @Override
    public long userId() {
        return caller.userId();
    }

    @Override
    public String username() {
        return caller.username();
    }

    @Override
    public Optional<Long> memberId() {
        return Optional.ofNullable(caller.memberId());
    }

    @Override
    public List<OrganizationGrant> grants() {
        return grants;
    }

    @Override
    public boolean isPlatformAdmin() {
        return caller.isPlatformAdmin();
    }

    @Override
    public boolean has(PluginRole role) {
        return caller.has(Role.valueOf(role.name()));
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public boolean isSystem() {
        return system;
    }

    @Override
    public String toString() {
        return "HostCaller[" + caller.username() + "]";
    }
}
