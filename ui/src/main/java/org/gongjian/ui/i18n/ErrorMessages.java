package org.gongjian.ui.i18n;

import com.vaadin.flow.component.Component;
import org.gongjian.errors.InvalidInputException;

/**
 * The user's-language text of a service's error code: the message {@code error.<CODE>}, or a
 * generic message for a code the bundles do not know yet.
 */
public final class ErrorMessages {

    private ErrorMessages() {}

    public static String of(Component component, String code) {
        String text = component.getTranslation("error." + code);
        return text.startsWith("!") ? component.getTranslation("error.unknown") : text;
    }

    /** The text of a code that takes values, e.g. the versions of {@code PLUGIN_VERSION_NOT_NEWER}. */
    public static String of(Component component, String code, Object... arguments) {
        String text = component.getTranslation("error." + code, arguments);
        return text.startsWith("!") ? component.getTranslation("error.unknown") : text;
    }

    public static String of(Component component, InvalidInputException e) {
        return of(component, e.code());
    }
}
