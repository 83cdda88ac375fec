package org.gongjian.events;

/**
 * Reacts to domain events. Called after the event's transaction committed, outside any
 * transaction; may be called again for the same event (after a crash or a failure), so it must be
 * idempotent. Throwing leaves the event to the sweeper, which retries it later.
 */
public interface DomainEventHandler {

    void handle(DomainEvent event);
}
