package org.gongjian.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void chinese_and_english_bundles_have_the_same_keys_and_no_empty_text() throws IOException {
        Properties chinese = load("/messages.properties");
        Properties english = load("/messages_en.properties");
        assertThat(english.stringPropertyNames()).isEqualTo(chinese.stringPropertyNames());
        chinese.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
        english.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
    }

    @Test
    void chinese_is_the_default_and_parameters_are_filled_in() {
        Messages messages = new Messages();
        assertThat(messages.getTranslation("nav.dashboard", Locale.GERMAN)).isEqualTo("首页");
        assertThat(messages.getTranslation("nav.dashboard", Locale.US)).isEqualTo("Dashboard");
        assertThat(messages.getTranslation("password.error.length", Locale.CHINA, 8, 128))
                .isEqualTo("新密码长度需为 8 到 128 个字符");
        assertThat(messages.getTranslation("no.such.key", Locale.CHINA)).isEqualTo("!no.such.key");
    }

    /**
     * A text with parameters is a MessageFormat pattern: an apostrophe there quotes what follows,
     * so "Organization's {0}" would never fill in {0}. Each placeholder must be filled in both
     * languages, and both must use the same placeholders.
     */
    @Test
    void every_placeholder_is_filled_in_in_both_languages() throws IOException {
        Messages messages = new Messages();
        Properties chinese = load("/messages.properties");
        Properties english = load("/messages_en.properties");
        Pattern placeholder = Pattern.compile("\\{(\\d)");
        for (String key : chinese.stringPropertyNames()) {
            Set<String> zh = placeholder
                    .matcher(chinese.getProperty(key))
                    .results()
                    .map(m -> m.group(1))
                    .collect(Collectors.toSet());
            Set<String> en = placeholder
                    .matcher(english.getProperty(key, ""))
                    .results()
                    .map(m -> m.group(1))
                    .collect(Collectors.toSet());
            assertThat(en).as("placeholders of " + key).isEqualTo(zh);
            if (zh.isEmpty()) {
                continue;
            }
            // numbers: some placeholders are {n,number}; 101, 102, ... read the same in both locales
            Object[] args = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110};
            for (Locale locale : List.of(Locale.CHINA, Locale.US)) {
                String pattern = (locale == Locale.CHINA ? chinese : english).getProperty(key);
                String text = messages.getTranslation(key, locale, args);
                for (String n : zh) {
                    if (!pattern.contains("{" + n + ",choice")) {
                        assertThat(text)
                                .as(key + " in " + locale + " fills {" + n + "}")
                                .contains(Integer.toString(101 + Integer.parseInt(n)));
                    }
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
