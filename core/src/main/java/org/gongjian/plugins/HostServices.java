package org.gongjian.plugins;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * The allowlist of host services a plugin may ask for by SDK interface. The only place that
 * decides what plugins see of the host; empty in the walking skeleton, filled as the SDK grows
 * (points rules, members lookup, ...). Only types of {@code org.gongjian.plugin.api} may be keys.
 */
@Singleton
final class HostServices {

    private final Map<Class<?>, Object> services = Map.of();

    <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }
}
