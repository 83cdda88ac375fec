package org.gongjian.pluginsettings;

/** Stable codes of refused plugin setting values (400). */
public final class PluginSettingsErrors {

    /** The plugin declares no setting with this key. */
    public static final String UNKNOWN = "PLUGIN_SETTING_UNKNOWN";
    /** Not a whole number written plainly, e.g. {@code 1.5}, {@code 1e3}, {@code 007}, {@code +3}. */
    public static final String NOT_INTEGER = "PLUGIN_SETTING_NOT_INTEGER";
    /** Not a number with at most one decimal place, e.g. {@code 1.25}, {@code .5}. */
    public static final String NOT_DECIMAL = "PLUGIN_SETTING_NOT_DECIMAL";
    /** Below the definition's minimum ({0}). */
    public static final String TOO_SMALL = "PLUGIN_SETTING_TOO_SMALL";
    /** Above the definition's maximum ({0}). */
    public static final String TOO_LARGE = "PLUGIN_SETTING_TOO_LARGE";
    /** Not {@code true} or {@code false}. */
    public static final String NOT_BOOLEAN = "PLUGIN_SETTING_NOT_BOOLEAN";
    /** A text longer than the definition allows ({0} characters). */
    public static final String TOO_LONG = "PLUGIN_SETTING_TOO_LONG";
    /** Not one of the definition's choices. */
    public static final String NOT_A_CHOICE = "PLUGIN_SETTING_NOT_A_CHOICE";
    /** Not a JSON string, number or boolean, or a text with control characters. */
    public static final String VALUE_INVALID = "PLUGIN_SETTING_VALUE_INVALID";

    private PluginSettingsErrors() {}
}
