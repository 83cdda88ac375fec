package org.gongjian.pluginsettings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.PluginSettings;
import org.gongjian.plugin.api.SettingDefinition;
import org.gongjian.sdk.PluginExtensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and changes the settings of a started plugin for an organization, on behalf of a caller:
 * readers of the organization (staff and administrators of its subtree) read them, its
 * administrators change them ({@link ForbiddenException} otherwise); an organization outside the
 * caller's subtree, an unknown plugin and a plugin that declares no settings answer {@link
 * NotFoundException}. A change is checked in full before anything is stored ({@link
 * InvalidInputException} with a code of {@link PluginSettingsErrors}, the field being the key) and
 * is audited in its transaction ({@value #CHANGED}); a change that changes nothing writes nothing.
 */
@Singleton
@AuditsDenials
public class PluginSettingsService {

    /** The audit action of a change (target: the organization). */
    public static final String CHANGED = "PLUGIN_SETTINGS_CHANGED";

    private static final Logger LOG = LoggerFactory.getLogger(PluginSettingsService.class);

    /** Where a value in force comes from. */
    public enum Source {
        /** The organization set it. */
        OWN,
        /** An ancestor set it. */
        INHERITED,
        /** No one up the tree set it: the plugin's default. */
        DEFAULT
    }

    /**
     * One setting as it applies at an organization.
     *
     * @param value the value in force
     * @param definedBy the organization whose value is in force; null for the default
     * @param inheritedValue what would apply without the organization's own value
     * @param inheritedSource INHERITED or DEFAULT
     */
    @Serdeable
    @Schema(name = "PluginSetting")
    public record Setting(
            String key,
            @Schema(description = "INTEGER, DECIMAL, BOOLEAN, TEXT or CHOICE") String type,
            @Schema(description = "The caption's key in the plugin's bundle") String labelKey,
            String value,
            Source source,
            @Nullable Long definedBy,
            @Nullable String definedByName,
            String inheritedValue,
            Source inheritedSource,
            @Nullable Long inheritedFrom,
            @Nullable String inheritedFromName,
            String defaultValue,
            @Nullable String min,
            @Nullable String max,
            List<String> choices) {}

    /** The settings of a plugin at an organization, in the plugin's order. */
    @Serdeable
    @Schema(name = "PluginSettings")
    public record View(String pluginId, long organizationId, String organizationName, List<Setting> settings) {}

    /** A plugin's usable definitions, by key in its order. */
    public record Definitions(String pluginId, Map<String, SettingDefinition> byKey, String bundle) {}

    /** A provider: the host collects the SDK adapters, one of which is built on this service. */
    private final Provider<PluginExtensions> host;

    private final PluginSettingStore store;
    private final Organizations organizations;
    private final AuditLog audit;
    private final Clock clock;
    /** "plugin/key" of definitions already reported as unusable (text only: no plugin class is kept). */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    PluginSettingsService(
            Provider<PluginExtensions> host,
            PluginSettingStore store,
            Organizations organizations,
            AuditLog audit,
            Clock clock) {
        this.host = host;
        this.store = store;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    /** The usable settings a started plugin declares; empty when it is not started or declares none. */
    public Optional<Definitions> definitions(String pluginId) {
        List<PluginSettings> extensions = host.get().extensions(PluginSettings.class, pluginId);
        if (extensions.isEmpty()) {
            return Optional.empty();
        }
        PluginSettings declared = extensions.getFirst();
        Map<String, SettingDefinition> byKey = new LinkedHashMap<>();
        for (SettingDefinition definition : declared.definitions()) {
            Optional<String> flaw = definition == null
                    ? Optional.of("it is null")
                    : byKey.containsKey(definition.key())
                            ? Optional.of("its key is declared twice")
                            : SettingRules.flaw(definition);
            if (flaw.isPresent()) {
                String id = pluginId + "/" + (definition == null ? "null" : definition.key());
                if (reported.add(id)) {
                    LOG.warn("Plugin {}: setting {} is left out: {}", pluginId, id, flaw.get());
                }
                continue;
            }
            byKey.put(definition.key(), definition);
        }
        return Optional.of(new Definitions(pluginId, byKey, declared.bundle()));
    }

    /** The started plugins that declare settings, in id order: what the settings page offers. */
    public List<String> pluginsWithSettings() {
        return host.get().startedPluginIds().stream()
                .filter(id -> !host.get().extensions(PluginSettings.class, id).isEmpty())
                .toList();
    }

    /**
     * The plugin's messages bundle in the language, loaded through the plugin's class loader (its
     * base bundle when the language has none); empty when the plugin is not started or ships none.
     */
    public Optional<ResourceBundle> captions(String pluginId, Locale locale) {
        List<PluginSettings> extensions = host.get().extensions(PluginSettings.class, pluginId);
        if (extensions.isEmpty()) {
            return Optional.empty();
        }
        PluginSettings declared = extensions.getFirst();
        try {
            return Optional.of(ResourceBundle.getBundle(
                    declared.bundle(),
                    locale,
                    declared.getClass().getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
        } catch (MissingResourceException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The plugin's settings at an organization the caller reads. */
    public View read(Caller caller, String pluginId, long organizationId) {
        Organization org = organizations.get(caller, organizationId);
        Definitions definitions = definitions(pluginId)
                .orElseThrow(() -> new NotFoundException("Settings of plugin " + pluginId + " at", organizationId));
        return view(definitions, org);
    }

    /** The values in force at an organization, by key, without a caller: for the plugin itself. */
    public Map<String, String> values(Definitions definitions, long organizationId) {
        Organization org = organizations
                .find(organizationId)
                .orElseThrow(() -> new IllegalArgumentException("No organization " + organizationId));
        Map<String, String> values = new LinkedHashMap<>();
        view(definitions, org).settings().forEach(s -> values.put(s.key(), s.value()));
        return values;
    }

    /**
     * Sets (a text) or drops (null: inherit again) the organization's own values; the caller must
     * administer the organization. Every value is checked before any is stored.
     */
    @Transactional
    public View change(Caller caller, String pluginId, long organizationId, Map<String, String> values) {
        Organization org = organizations.get(caller, organizationId);
        if (!caller.mayManage(org.path())) {
            throw new ForbiddenException("Only administrators of the organization change its plugin settings");
        }
        Definitions definitions = definitions(pluginId)
                .orElseThrow(() -> new NotFoundException("Settings of plugin " + pluginId + " at", organizationId));
        for (Map.Entry<String, String> entry : values.entrySet()) {
            SettingDefinition definition = definitions.byKey().get(entry.getKey());
            if (definition == null) {
                throw new InvalidInputException(
                        PluginSettingsErrors.UNKNOWN, entry.getKey(), "The plugin has no setting " + entry.getKey());
            }
            if (entry.getValue() != null) {
                SettingRules.check(definition, entry.getValue()).ifPresent(p -> {
                    throw new InvalidInputException(
                            p.code(),
                            entry.getKey(),
                            entry.getKey() + ": " + p.code(),
                            p.arguments().toArray());
                });
            }
        }
        Map<String, String> own = store.values(pluginId, List.of(org.id())).getOrDefault(org.id(), Map.of());
        List<String> changed = new ArrayList<>();
        for (String key : definitions.byKey().keySet()) {
            if (!values.containsKey(key)) {
                continue;
            }
            String value = values.get(key);
            if (Objects.equals(own.get(key), value)) {
                continue;
            }
            SettingDefinition definition = definitions.byKey().get(key);
            if (value == null) {
                store.drop(pluginId, org.id(), key);
                changed.add(key + " → inherited");
            } else {
                store.set(
                        pluginId,
                        org.id(),
                        key,
                        value,
                        clock.instant().truncatedTo(ChronoUnit.MICROS),
                        caller.userId() == 0 ? null : caller.userId());
                // A text may say anything: its content stays out of the audit log.
                changed.add(
                        definition.type() == SettingDefinition.Type.TEXT ? key + " (text changed)" : key + "=" + value);
            }
        }
        if (!changed.isEmpty()) {
            audit.append(
                    caller,
                    CHANGED,
                    Organizations.AUDIT_TARGET,
                    org.id(),
                    org.id(),
                    org.path(),
                    "plugin " + pluginId + ": " + String.join(", ", changed));
        }
        return view(definitions, org);
    }

    private View view(Definitions definitions, Organization org) {
        List<Long> path = ancestry(org.path());
        Map<Long, Map<String, String>> stored = store.values(definitions.pluginId(), path);
        Map<Long, Organization> names =
                organizations.find(stored.keySet().stream().toList());
        List<Setting> settings = new ArrayList<>();
        for (SettingDefinition d : definitions.byKey().values()) {
            Long from = null;
            String inherited = d.defaultValue();
            for (long id : path.subList(0, path.size() - 1)) {
                String value = stored.getOrDefault(id, Map.of()).get(d.key());
                if (value != null && SettingRules.check(d, value).isEmpty()) {
                    from = id; // the deepest valid ancestor value wins: the path runs from the root down
                    inherited = value;
                }
            }
            String own = stored.getOrDefault(org.id(), Map.of()).get(d.key());
            boolean hasOwn = own != null && SettingRules.check(d, own).isEmpty();
            Source inheritedSource = from == null ? Source.DEFAULT : Source.INHERITED;
            String fromName = from == null ? null : names.get(from).name();
            settings.add(new Setting(
                    d.key(),
                    d.type().name(),
                    d.labelKey(),
                    hasOwn ? own : inherited,
                    hasOwn ? Source.OWN : inheritedSource,
                    hasOwn ? Long.valueOf(org.id()) : from,
                    hasOwn ? org.name() : fromName,
                    inherited,
                    inheritedSource,
                    from,
                    fromName,
                    d.defaultValue(),
                    d.type() == SettingDefinition.Type.TEXT ? null : d.min().orElse(null),
                    d.type() == SettingDefinition.Type.TEXT
                            ? Integer.toString(SettingRules.maxLength(d))
                            : d.max().orElse(null),
                    d.choices()));
        }
        return new View(definitions.pluginId(), org.id(), org.name(), settings);
    }

    /** The ids on a path from the root down: {@code /1/7/42/} → 1, 7, 42. */
    static List<Long> ancestry(String path) {
        return Arrays.stream(path.split("/"))
                .filter(s -> !s.isEmpty())
                .map(Long::valueOf)
                .toList();
    }
}
