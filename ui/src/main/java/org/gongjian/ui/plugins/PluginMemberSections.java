package org.gongjian.ui.plugins;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gongjian.access.Caller;
import org.gongjian.plugin.api.MemberSection;
import org.gongjian.plugins.PluginHost;
import org.gongjian.plugins.PluginInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sections plugins add to the member detail page: shown to a caller with one of the section's
 * roles, on the page of a member the caller reads (the page checks that), where the plugin is on
 * for the member's organization. A section that fails to build is left out and logged.
 */
@Singleton
public final class PluginMemberSections {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMemberSections.class);

    private final PluginHost host;
    private final PluginUi plugins;

    PluginMemberSections(PluginHost host, PluginUi plugins) {
        this.host = host;
        this.plugins = plugins;
    }

    /** The sections for a member the caller reads, titled, each in a {@code Div} with the id {@code member-section-<pluginId>}. */
    public List<Component> sections(Caller caller, long memberId, long organizationId, Locale locale) {
        List<Component> sections = new ArrayList<>();
        for (PluginInfo plugin : host.list()) {
            for (MemberSection section : host.extensions(MemberSection.class, plugin.id())) {
                if (!PluginUi.holdsOne(caller, section.roles()) || !plugins.enabledFor(plugin.id(), organizationId)) {
                    continue;
                }
                try {
                    Object component =
                            plugins.create(section.componentClass(), plugins.pluginCaller(caller, locale), memberId);
                    if (component instanceof Component vaadin) {
                        Div wrapper = new Div(new H3(section.title(locale)), vaadin);
                        wrapper.setId("member-section-" + plugin.id());
                        sections.add(wrapper);
                    }
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Plugin {}: the member section {} failed",
                            plugin.id(),
                            section.getClass().getName(),
                            e);
                }
            }
        }
        return sections;
    }
}
