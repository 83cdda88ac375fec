package org.gongjian.events;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.Events;
import org.gongjian.plugin.api.PluginEvent;
import org.gongjian.plugin.api.PluginTransaction;
import org.gongjian.sdk.HostTransaction;
import org.gongjian.sdk.SdkService;
import org.gongjian.sdk.UnitParticipant;

/**
 * The SDK's {@link Events} over the outbox: a plugin publishes only the types it declared, in its
 * unit of work, about members and organizations its actor may record for; the event is held until
 * the unit is confirmed (and cancelled if the unit is undone), then handed to the handlers like a
 * core event.
 */
@Singleton
final class PluginEvents implements SdkService<Events>, UnitParticipant {

    static final int MAX_ATTRIBUTES = 20;

    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
    private static final int ATTRIBUTE_VALUE_MAX = 100;

    private final DomainEvents events;
    private final EventTypeCatalog catalog;
    private final MemberScopes scopes;
    private final Organizations organizations;

    PluginEvents(DomainEvents events, EventTypeCatalog catalog, MemberScopes scopes, Organizations organizations) {
        this.events = events;
        this.catalog = catalog;
        this.scopes = scopes;
        this.organizations = organizations;
    }

    @Override
    public Class<Events> type() {
        return Events.class;
    }

    @Override
    public Events forPlugin(String pluginId) {
        return (tx, event) -> publish(pluginId, tx, event);
    }

    private PluginEvent publish(String pluginId, PluginTransaction tx, PluginEvent event) {
        HostTransaction unit = HostTransaction.of(tx, pluginId);
        if (!catalog.declared(pluginId).contains(event.type())) {
            throw new IllegalArgumentException("The event type " + event.type() + " is not declared by plugin "
                    + pluginId + ": declare it with an EventType extension");
        }
        checkAttributes(event.attributes());
        Caller actor = unit.hostActor().caller();
        Optional<MemberScope> member = event.memberId().map(id -> memberFor(actor, id));
        event.organizationId().ifPresent(id -> checkOrganization(actor, id, member));
        DomainEvent stored = events.publishHeld(
                unit.unitId(),
                event.type(),
                event.memberId().orElse(null),
                event.organizationId().orElse(null),
                event.quantity(),
                event.attributes());
        return new PluginEvent(
                stored.id(),
                stored.type(),
                event.memberId(),
                event.organizationId(),
                stored.quantity(),
                stored.attributes(),
                stored.occurredAt());
    }

    private static void checkAttributes(Map<String, String> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("An event has at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((key, value) -> {
            if (!ATTRIBUTE_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("Bad event attribute name " + key + ": [A-Za-z][A-Za-z0-9_]{0,47}");
            }
            if (value == null || value.length() > ATTRIBUTE_VALUE_MAX) {
                throw new IllegalArgumentException("The event attribute " + key + " needs a value of at most "
                        + ATTRIBUTE_VALUE_MAX + " characters");
            }
        });
    }

    /** The member's scope, when the actor is the member or may record for the member's organization. */
    private MemberScope memberFor(Caller actor, long memberId) {
        Optional<MemberScope> scope = scopes.of(memberId);
        boolean own = actor.memberId() != null && actor.memberId() == memberId;
        if (scope.isEmpty() || !(own || actor.mayEdit(scope.get().orgPath()))) {
            throw new IllegalArgumentException("The actor may not record events for member " + memberId);
        }
        return scope.get();
    }

    /** The actor records for the organization, or it is the (own) member's organization or above it. */
    private void checkOrganization(Caller actor, long organizationId, Optional<MemberScope> member) {
        Optional<Organization> org = organizations.find(organizationId);
        boolean allowed = org.isPresent()
                && (actor.mayEdit(org.get().path())
                        || member.map(m -> m.orgPath().startsWith(org.get().path()))
                                .orElse(false));
        if (!allowed) {
            throw new IllegalArgumentException("The actor may not record events for organization " + organizationId);
        }
    }

    @Override
    public void confirmed(String pluginId, long unitId) {
        events.release(unitId);
    }

    @Override
    public void undo(String pluginId, long unitId) {
        events.cancel(unitId);
    }
}
