package org.gongjian.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
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

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
