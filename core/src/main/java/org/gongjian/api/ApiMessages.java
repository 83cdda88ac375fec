package org.gongjian.api;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The texts of the API's error codes in the two languages it answers, and the choice between them.
 * One bundle holds them: {@code org/gongjian/api/errors.properties} (Chinese, the default) and
 * {@code errors_en.properties}, keyed by code; a text may take {@link MessageFormat} arguments
 * ({@code {0}}) for the specifics of one refusal, such as a limit.
 *
 * <p>The language is {@link #ENGLISH} when the caller's {@code Accept-Language} prefers English to
 * Chinese, and {@link #CHINESE} otherwise (no header, an unreadable one, or only other languages).
 * A {@code message} is then, in this order: the throw site's own text when it is already in that
 * language (it may carry specifics the code's text lacks); the code's text in that language; a
 * general text. A caller never gets the other language, and never an exception's or a class's
 * name: codes stay the same in every language.
 */
public final class ApiMessages {

    public static final Locale CHINESE = Locale.CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    /** The text for a code without one of its own. */
    static final String UNKNOWN = "unknown";

    private static final Map<Locale, Map<String, String>> TEXTS =
            Map.of(CHINESE, load("errors.properties"), ENGLISH, load("errors_en.properties"));

    private ApiMessages() {}

    /** The language to answer in, from an {@code Accept-Language} header (null when absent). */
    public static Locale language(@Nullable String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return CHINESE;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException unreadable) {
            return CHINESE;
        }
        for (Locale.LanguageRange range : ranges) {
            String tag = range.getRange();
            if (range.getWeight() <= 0) {
                continue;
            }
            if (tag.equals("en") || tag.startsWith("en-")) {
                return ENGLISH;
            }
            if (tag.equals("zh") || tag.startsWith("zh-") || tag.equals("*")) {
                return CHINESE;
            }
        }
        return CHINESE;
    }

    /** The text of {@code key} (a code) in {@code language}, formatted with {@code arguments}; null if none. */
    public static @Nullable String text(String key, Locale language, Object... arguments) {
        String pattern = TEXTS.get(ENGLISH.equals(language) ? ENGLISH : CHINESE).get(key);
        if (pattern == null || arguments.length == 0) {
            return pattern;
        }
        return new MessageFormat(pattern, language).format(arguments);
    }

    /**
     * The message for an error {@code code} in {@code language}: {@code siteMessage} if it is in that
     * language, else the code's text (formatted with {@code arguments}), else a general text.
     */
    public static String message(String code, @Nullable String siteMessage, Locale language, Object... arguments) {
        if (siteMessage != null && !siteMessage.isBlank() && isIn(siteMessage, language)) {
            return siteMessage;
        }
        String text = text(code, language, arguments);
        return text != null ? text : text(UNKNOWN, language);
    }

    /** {@code error} with its message and its fields' messages in {@code language}; the code unchanged. */
    static ApiError translate(ApiError error, Locale language) {
        String message = message(error.code(), error.message(), language);
        List<ApiError.FieldError> fields = error.errors().stream()
                .map(f -> new ApiError.FieldError(
                        f.field(),
                        f.message() != null && f.message().equals(error.message())
                                ? message
                                : message(error.code(), f.message(), language)))
                .toList();
        return new ApiError(error.code(), message, fields);
    }

    /**
     * Chinese text has Han characters and no English phrase; English text has no Han characters, or
     * an English phrase (two words in a row) around the Chinese names it quotes, such as an item's
     * ("Not enough 食用油 in stock"). Codes and capitalised names are not phrases.
     */
    static boolean isIn(String text, Locale language) {
        boolean han = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        boolean chinese = han && !ENGLISH_PHRASE.matcher(text).find();
        return chinese == CHINESE.equals(language);
    }

    private static final Pattern ENGLISH_PHRASE = Pattern.compile("\\b[A-Za-z][a-z]+[ ,]+[a-z]{2,}\\b");

    /** Every key of the bundle of {@code language}, for the test that both hold the same. */
    static Map<String, String> texts(Locale language) {
        return TEXTS.get(language);
    }

    private static Map<String, String> load(String name) {
        Properties properties = new Properties();
        try (InputStream in = ApiMessages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/gongjian/api/" + name);
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> texts = Map.copyOf((Map) properties);
        return texts;
    }
}
