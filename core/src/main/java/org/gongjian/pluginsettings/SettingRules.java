package org.gongjian.pluginsettings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gongjian.plugin.api.SettingDefinition;

/**
 * The strict check of a setting's value against its definition: an INTEGER is plain digits within
 * min/max ({@code 1.5}, {@code 1e3}, {@code 007} and {@code +3} are refused, never rounded or
 * reread), a DECIMAL has at most one decimal place, a BOOLEAN is {@code true} or {@code false}, a
 * TEXT has no control characters and at most max characters (never more than {@value
 * #TEXT_MAX_LENGTH}), a CHOICE is one of the choices. Values are compared as sent: no trimming.
 */
public final class SettingRules {

    /** The longest text a setting stores, whatever its definition says. */
    public static final int TEXT_MAX_LENGTH = 1000;

    static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]{0,47}");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,14})(\\.[0-9])?");

    /** Why a value is refused: a code of {@link PluginSettingsErrors} and the arguments of its text. */
    public record Problem(String code, List<String> arguments) {}

    private SettingRules() {}

    /** Why the value does not fit the definition; empty when it does. */
    public static Optional<Problem> check(SettingDefinition definition, String value) {
        if (value == null) {
            return problem(PluginSettingsErrors.VALUE_INVALID);
        }
        return switch (definition.type()) {
            case INTEGER ->
                INTEGER.matcher(value).matches()
                        ? range(definition, new BigDecimal(value))
                        : problem(PluginSettingsErrors.NOT_INTEGER);
            case DECIMAL ->
                DECIMAL.matcher(value).matches()
                        ? range(definition, new BigDecimal(value))
                        : problem(PluginSettingsErrors.NOT_DECIMAL);
            case BOOLEAN ->
                value.equals("true") || value.equals("false")
                        ? Optional.empty()
                        : problem(PluginSettingsErrors.NOT_BOOLEAN);
            case TEXT -> text(definition, value);
            case CHOICE ->
                definition.choices().contains(value) ? Optional.empty() : problem(PluginSettingsErrors.NOT_A_CHOICE);
        };
    }

    /**
     * Why a plugin's definition cannot be used (a bad key, bounds that are not numbers of its type,
     * no choices, a default its own rules refuse); empty when it is usable.
     */
    static Optional<String> flaw(SettingDefinition definition) {
        if (!KEY.matcher(definition.key()).matches()) {
            return Optional.of("the key is not [a-z][a-zA-Z0-9]{0,47}");
        }
        try {
            switch (definition.type()) {
                case INTEGER, DECIMAL -> {
                    for (String bound : List.of(
                            definition.min().orElse("0"), definition.max().orElse("0"))) {
                        if (!(definition.type() == SettingDefinition.Type.INTEGER ? INTEGER : DECIMAL)
                                .matcher(bound)
                                .matches()) {
                            return Optional.of("the bound " + bound + " is not a number of its type");
                        }
                    }
                }
                case TEXT -> {
                    if (definition.max().isPresent()
                            && Integer.parseInt(definition.max().get()) < 1) {
                        return Optional.of("the longest text must be at least 1");
                    }
                }
                case CHOICE -> {
                    if (definition.choices().isEmpty()) {
                        return Optional.of("it has no choices");
                    }
                }
                case BOOLEAN -> {}
            }
        } catch (NumberFormatException e) {
            return Optional.of("its maximum is not a number");
        }
        return check(definition, definition.defaultValue())
                .map(p -> "its default " + definition.defaultValue() + " is refused: " + p.code());
    }

    /** The most characters a text setting takes. */
    static int maxLength(SettingDefinition definition) {
        int declared = definition.max().map(Integer::parseInt).orElse(TEXT_MAX_LENGTH);
        return Math.min(declared, TEXT_MAX_LENGTH);
    }

    private static Optional<Problem> text(SettingDefinition definition, String value) {
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return problem(PluginSettingsErrors.VALUE_INVALID);
        }
        int max = maxLength(definition);
        return value.codePointCount(0, value.length()) > max
                ? Optional.of(new Problem(PluginSettingsErrors.TOO_LONG, List.of(Integer.toString(max))))
                : Optional.empty();
    }

    private static Optional<Problem> range(SettingDefinition definition, BigDecimal number) {
        if (definition.min().isPresent()
                && number.compareTo(new BigDecimal(definition.min().get())) < 0) {
            return Optional.of(new Problem(
                    PluginSettingsErrors.TOO_SMALL, List.of(definition.min().get())));
        }
        if (definition.max().isPresent()
                && number.compareTo(new BigDecimal(definition.max().get())) > 0) {
            return Optional.of(new Problem(
                    PluginSettingsErrors.TOO_LARGE, List.of(definition.max().get())));
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String code) {
        return Optional.of(new Problem(code, List.of()));
    }
}
