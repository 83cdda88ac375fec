package org.gongjian.events;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.plugin.api.EventListener;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.sdk.PluginExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every committed event, core or a plugin's, to the {@link EventListener} extensions of the
 * started plugins that asked for its type. Every listener gets it even when one throws; a throw
 * then fails the delivery, so the sweeper hands the event over again (to every handler: they are
 * idempotent, as the SDK asks of listeners).
 */
@Singleton
final class PluginEventListeners implements DomainEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PluginEventListeners.class);

    private final BeanProvider<PluginExtensions> host;

    PluginEventListeners(BeanProvider<PluginExtensions> host) {
        this.host = host;
    }

    @Override
    public void handle(DomainEvent event) {
        PluginEvent handed = null;
        RuntimeException failure = null;
        for (EventListener listener : host.get().extensions(EventListener.class)) {
            try {
                if (!listener.types().contains(event.type())) {
                    continue;
                }
                if (handed == null) {
                    handed = new PluginEvent(
                            event.id(),
                            event.type(),
                            Optional.ofNullable(event.memberId()),
                            Optional.ofNullable(event.organizationId()),
                            event.quantity(),
                            event.attributes(),
                            event.occurredAt());
                }
                listener.on(handed);
            } catch (RuntimeException e) {
                LOG.warn(
                        "The plugin listener {} failed on event {}",
                        listener.getClass().getName(),
                        event.id(),
                        e);
                if (failure == null) {
                    failure = new IllegalStateException("A plugin's event listener failed on event " + event.id(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
