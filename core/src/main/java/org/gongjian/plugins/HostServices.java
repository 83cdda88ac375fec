package org.gongjian.plugins;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.AuditTrail;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.Members;
import org.gongjian.plugin.api.PluginTransactions;
import org.gongjian.plugin.api.PointsLedger;
import org.gongjian.plugin.api.QrCodes;
import org.gongjian.plugin.api.Settings;
import org.gongjian.sdk.SdkService;

/**
 * The allowlist of host services a plugin may ask for by SDK interface: the only place that decides
 * what plugins see of the host. Features contribute their adapters as {@link SdkService} beans;
 * an adapter of a type not on {@link #OFFERED} is never handed out.
 */
@Singleton
final class HostServices {

    /** The SDK services plugins may use. */
    static final Set<Class<?>> OFFERED = Set.of(
            Access.class,
            Members.class,
            PointsLedger.class,
            Events.class,
            AuditTrail.class,
            Settings.class,
            PluginTransactions.class,
            QrCodes.class);

    private final Map<Class<?>, SdkService<?>> adapters;
    private final Map<String, Map<Class<?>, Object>> perPlugin = new ConcurrentHashMap<>();

    HostServices(List<SdkService<?>> adapters) {
        this.adapters = adapters.stream()
                .filter(a -> OFFERED.contains(a.type()))
                .collect(Collectors.toUnmodifiableMap(SdkService::type, Function.identity()));
    }

    <T> Optional<T> find(String pluginId, Class<T> type) {
        SdkService<?> adapter = adapters.get(type);
        if (adapter == null) {
            return Optional.empty();
        }
        Object service = perPlugin
                .computeIfAbsent(pluginId, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> adapter.forPlugin(pluginId));
        return Optional.of(type.cast(service));
    }

    /** Drops the services handed to an unloaded plugin. */
    void forget(String pluginId) {
        perPlugin.remove(pluginId);
    }
}
