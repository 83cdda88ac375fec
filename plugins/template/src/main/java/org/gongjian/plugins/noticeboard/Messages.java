package org.gongjian.plugins.noticeboard;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The plugin's messages ({@code messages.properties}, {@code messages_en.properties}), through its own class loader. */
final class Messages {

    static final String BUNDLE = "org.gongjian.plugins.noticeboard.messages";

    /** No fallback to the JVM's locale: Chinese users get Chinese on an English-locale server. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    static String get(Locale locale, String key, Object... arguments) {
        Locale effective = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        String pattern = ResourceBundle.getBundle(BUNDLE, effective, Messages.class.getClassLoader(), NO_FALLBACK)
                .getString(key);
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, effective).format(arguments);
    }
}
