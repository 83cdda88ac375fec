package org.gongjian.events;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.gongjian.plugin.api.EventType;
import org.gongjian.sdk.PluginExtensions;
import org.gongjian.sdk.PluginOrganizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event types points rules may react to: the platform's own and those the started plugins
 * declare ({@link EventType} extensions). A plugin's type starts with its id in capitals, dashes as
 * underscores, and an underscore ({@code leifeng-market} → {@code LEIFENG_MARKET_REDEEMED}); a
 * declared type without that prefix is ignored (and logged), so that no plugin can pose as another.
 */
@Singleton
public class EventTypeCatalog {

    /** The types the platform itself publishes. */
    public static final List<String> CORE_TYPES = List.of(
            DomainEvent.HOURS_APPROVED,
            DomainEvent.ATTENDANCE_RECORDED,
            DomainEvent.SELF_DECLARATION_APPROVED,
            DomainEvent.STUDY_ACTION,
            DomainEvent.MEMBER_TRANSFERRED);

    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalog.class);
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

    private final BeanProvider<PluginExtensions> host;
    private final BeanProvider<PluginOrganizations> enablement;

    EventTypeCatalog(BeanProvider<PluginExtensions> host, BeanProvider<PluginOrganizations> enablement) {
        this.host = host;
        this.enablement = enablement;
    }

    /** The prefix of a plugin's event types: {@code leifeng-market} → {@code LEIFENG_MARKET_}. */
    static String prefix(String pluginId) {
        return pluginId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    /** The well-formed types a started plugin declares. */
    Set<String> declared(String pluginId) {
        Set<String> types = new LinkedHashSet<>();
        for (EventType declared : declarations(pluginId)) {
            types.add(declared.type());
        }
        return types;
    }

    /**
     * The types offered to a rule of the organization, the platform's first, then the plugins' in
     * plugin id order, with their labels in {@code locale}.
     */
    public List<EventTypeChoice> offered(long organizationId, Locale locale) {
        List<EventTypeChoice> choices = new ArrayList<>();
        for (String type : CORE_TYPES) {
            choices.add(new EventTypeChoice(type, null, null));
        }
        for (String pluginId : host.get().startedPluginIds()) {
            if (!offeredTo(pluginId, organizationId)) {
                continue;
            }
            for (EventType declared : declarations(pluginId)) {
                choices.add(new EventTypeChoice(declared.type(), label(pluginId, declared, locale), pluginId));
            }
        }
        return choices;
    }

    /**
     * Whether a plugin's types are offered to the organization: the one place where per-organization
     * enablement hides the types of a plugin switched off there.
     */
    boolean offeredTo(String pluginId, long organizationId) {
        return enablement.get().enabledFor(pluginId, organizationId);
    }

    private List<EventType> declarations(String pluginId) {
        String prefix = prefix(pluginId);
        List<EventType> valid = new ArrayList<>();
        for (EventType declared : host.get().extensions(EventType.class, pluginId)) {
            String type;
            try {
                type = declared.type();
            } catch (RuntimeException e) {
                LOG.warn("Plugin {}: an event type failed to name itself; it is ignored", pluginId, e);
                continue;
            }
            if (type == null || !TYPE.matcher(type).matches() || !type.startsWith(prefix)) {
                LOG.warn(
                        "Plugin {} declares the event type {}, which does not start with {}; it is ignored",
                        pluginId,
                        type,
                        prefix);
                continue;
            }
            valid.add(declared);
        }
        return valid;
    }

    private static String label(String pluginId, EventType declared, Locale locale) {
        try {
            String label = declared.label(locale);
            if (label != null && !label.isBlank()) {
                return label;
            }
        } catch (RuntimeException e) {
            LOG.warn("Plugin {}: the label of event type {} failed", pluginId, declared.type(), e);
        }
        return declared.type();
    }
}
