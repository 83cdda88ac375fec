package org.gongjian.plugins.leifengmarket;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The market's messages, through its own class loader; no fallback to the JVM's locale. */
final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    static String get(Locale locale, String key, Object... arguments) {
        Locale effective = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        String pattern = ResourceBundle.getBundle(
                        "org.gongjian.plugins.leifengmarket.messages",
                        effective,
                        Messages.class.getClassLoader(),
                        NO_FALLBACK)
                .getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, effective).format(arguments);
    }
}
