package org.gongjian.plugin.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed setting a plugin declares; the host draws the form on the plugin's settings page and
 * checks every value against it before storing.
 *
 * @param key {@code [a-z][a-zA-Z0-9]{0,47}}, e.g. {@code pickupDays}
 * @param labelKey the key of the field's caption in the plugin's messages bundle
 * @param defaultValue the value where no organization up the tree set one, as text
 * @param min for {@link Type#INTEGER} and {@link Type#DECIMAL}: the smallest value allowed
 * @param max for {@link Type#INTEGER} and {@link Type#DECIMAL}: the largest value allowed (for
 *     {@link Type#TEXT}: the most characters)
 * @param choices for {@link Type#CHOICE}: the allowed values (their captions are {@code
 *     labelKey + "." + value} in the bundle)
 * @since 0.2
 */
public record SettingDefinition(
        String key,
        Type type,
        String labelKey,
        String defaultValue,
        Optional<String> min,
        Optional<String> max,
        List<String> choices) {

    public SettingDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(labelKey, "labelKey");
        Objects.requireNonNull(defaultValue, "defaultValue");
        min = min == null ? Optional.empty() : min;
        max = max == null ? Optional.empty() : max;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public static SettingDefinition integer(String key, String labelKey, long defaultValue, long min, long max) {
        return new SettingDefinition(
                key,
                Type.INTEGER,
                labelKey,
                Long.toString(defaultValue),
                Optional.of(Long.toString(min)),
                Optional.of(Long.toString(max)),
                List.of());
    }

    public static SettingDefinition bool(String key, String labelKey, boolean defaultValue) {
        return new SettingDefinition(
                key,
                Type.BOOLEAN,
                labelKey,
                Boolean.toString(defaultValue),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    public static SettingDefinition text(String key, String labelKey, String defaultValue, int maxLength) {
        return new SettingDefinition(
                key,
                Type.TEXT,
                labelKey,
                defaultValue,
                Optional.empty(),
                Optional.of(Integer.toString(maxLength)),
                List.of());
    }

    public static SettingDefinition choice(String key, String labelKey, String defaultValue, List<String> choices) {
        return new SettingDefinition(
                key, Type.CHOICE, labelKey, defaultValue, Optional.empty(), Optional.empty(), choices);
    }

    /** The kinds of value. */
    public enum Type {
        INTEGER,
        /** A decimal number with at most one decimal place, e.g. points in tenths. */
        DECIMAL,
        BOOLEAN,
        TEXT,
        CHOICE
    }
}
