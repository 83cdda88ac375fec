/**
 * Domain events (hours approved, attendance recorded, a self-declared item approved, ...) that
 * core features publish and points rules and plugins react to. An event is stored in the
 * transaction of what caused it (an outbox) and handed to every {@link
 * org.gongjian.events.DomainEventHandler} after that transaction commits; a sweeper hands over what
 * a crash or a failing handler left behind. Handlers must be idempotent: an event can reach them
 * more than once.
 */
package org.gongjian.events;
