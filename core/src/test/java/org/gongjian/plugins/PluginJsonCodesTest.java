package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.api.ApiMessages;
import org.gongjian.api.ErrorCodes;
import org.gongjian.plugin.api.Json;
import org.junit.jupiter.api.Test;

/** The SDK's JSON refusals use the platform's own codes, each with its text in both languages. */
class PluginJsonCodesTest {

    @Test
    void every_code_of_the_sdk_json_is_a_platform_code_with_chinese_and_english_texts() throws Exception {
        List<String> codes = new ArrayList<>();
        for (Field field : Json.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }
        List<String> platform = new ArrayList<>();
        for (Field field : ErrorCodes.class.getFields()) {
            platform.add((String) field.get(null));
        }

        assertThat(codes).hasSizeGreaterThanOrEqualTo(10);
        assertThat(platform).containsAll(codes);
        for (String code : codes) {
            assertThat(ApiMessages.text(code, ApiMessages.CHINESE)).as(code).isNotBlank();
            assertThat(ApiMessages.text(code, ApiMessages.ENGLISH)).as(code).isNotBlank();
        }
    }
}
