package org.gongjian.plugin.api;

import java.util.Locale;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A section the plugin adds to the member detail page, e.g. "兑换记录". {@link #componentClass()}
 * names a Vaadin component with a public constructor taking ({@link PluginContext}, {@link
 * PluginCaller}, {@code long memberId}); it is shown only to callers with one of {@link #roles()}
 * who may read the member, where the plugin is enabled for the member's organization.
 *
 * @since 0.2
 */
public interface MemberSection extends ExtensionPoint {

    String title(Locale locale);

    Set<PluginRole> roles();

    Class<?> componentClass();
}
