package org.gongjian.plugin.api;

import java.util.Locale;
import org.pf4j.ExtensionPoint;

/**
 * An event type a plugin publishes. Declared types are offered in the points rules editor (e.g.
 * "兑换物品 → 积分"), for the organizations where the plugin is enabled; publishing an undeclared
 * type is refused.
 *
 * @since 0.2
 */
public interface EventType extends ExtensionPoint {

    /**
     * The type: the plugin id in capitals with dashes as underscores, an underscore and a name, e.g.
     * {@code LEIFENG_MARKET_REDEEMED}; at most 48 characters {@code [A-Z0-9_]}.
     */
    String type();

    /** What it means, in the user's language, e.g. {@code 在雷锋超市兑换物品}. */
    String label(Locale locale);

    /** What {@link PluginEvent#quantity()} counts, e.g. {@code 积分} or {@code 件}. */
    String quantityUnit(Locale locale);
}
