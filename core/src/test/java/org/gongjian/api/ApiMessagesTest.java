package org.gongjian.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gongjian.ledger.PostingResult;
import org.gongjian.security.PasswordChangeResult;
import org.junit.jupiter.api.Test;

/** The API's error texts: one per code in both languages, and the choice of language. */
class ApiMessagesTest {

    /** Codes written as literals where they are answered (filters, the sign-in controller, Jetty). */
    private static final List<String> LITERAL_CODES = List.of(
            "REQUEST_TOO_LARGE",
            "REQUEST_HEADERS_TOO_LARGE",
            "LENGTH_REQUIRED",
            "TOO_MANY_ATTEMPTS",
            "UNAUTHORIZED",
            "BAD_CREDENTIALS",
            "ACCOUNT_DISABLED",
            "PASSWORD_CHANGE_REQUIRED",
            "ROSTER_FILE_MISSING",
            "QUANTITY_INVALID",
            "ASSET_NOT_AVAILABLE",
            Idempotency.CONFLICT,
            Idempotency.KEY_REQUIRED,
            Idempotency.KEY_REPEATED);

    /** Texts that the servlet filter and Jetty's error handler write into JSON by hand. */
    private static final List<String> HAND_WRITTEN_JSON = List.of(
            "UNAUTHORIZED",
            "LENGTH_REQUIRED",
            "REQUEST_TOO_LARGE",
            "REQUEST_TOO_LARGE.limit",
            "REQUEST_HEADERS_TOO_LARGE",
            "request.unreadable",
            ApiMessages.UNKNOWN);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    @Test
    void every_code_the_api_can_answer_has_a_text_in_chinese_and_in_english() {
        Set<String> codes = codes();
        assertThat(codes).hasSizeGreaterThan(150).contains("NOT_FOUND", "ID_NUMBER_CHECK_DIGIT", "PASSWORD_LENGTH");
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            for (Locale language : List.of(ApiMessages.CHINESE, ApiMessages.ENGLISH)) {
                if (ApiMessages.text(code, language) == null) {
                    missing.add(code + " (" + language + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void both_bundles_hold_the_same_keys_with_the_same_placeholders() {
        Map<String, String> chinese = ApiMessages.texts(ApiMessages.CHINESE);
        Map<String, String> english = ApiMessages.texts(ApiMessages.ENGLISH);
        assertThat(english.keySet()).isEqualTo(chinese.keySet());
        List<String> differ = chinese.keySet().stream()
                .filter(key -> !placeholders(chinese.get(key)).equals(placeholders(english.get(key))))
                .toList();
        assertThat(differ).isEmpty();
        assertThat(placeholders(chinese.get("PASSWORD_LENGTH"))).containsExactly("0", "1");
    }

    @Test
    void an_english_message_that_quotes_a_chinese_name_stays_english_and_a_chinese_one_with_a_code_stays_chinese() {
        assertThat(ApiMessages.message("X", "Not enough 食用油 in stock: 3 瓶 left", ApiMessages.ENGLISH))
                .isEqualTo("Not enough 食用油 in stock: 3 瓶 left");
        assertThat(ApiMessages.message("X", "The market 幸福社区雷锋超市 is closed", ApiMessages.CHINESE))
                .as("an English text is not given to a Chinese reader")
                .isNotEqualTo("The market 幸福社区雷锋超市 is closed");
        assertThat(ApiMessages.message("X", "积分账户拒绝了这笔兑换（INSUFFICIENT_BALANCE）", ApiMessages.CHINESE))
                .isEqualTo("积分账户拒绝了这笔兑换（INSUFFICIENT_BALANCE）");
        assertThat(ApiMessages.message("X", "请联系 John Smith 或 Excel 管理员", ApiMessages.CHINESE))
                .isEqualTo("请联系 John Smith 或 Excel 管理员");
        assertThat(ApiMessages.message("X", "积分账户拒绝了这笔兑换", ApiMessages.ENGLISH)).isNotEqualTo("积分账户拒绝了这笔兑换");
    }

    @Test
    void chinese_texts_are_chinese_and_english_texts_have_no_chinese() {
        assertThat(ApiMessages.texts(ApiMessages.CHINESE).entrySet())
                .allSatisfy(e -> assertThat(ApiMessages.isIn(e.getValue(), ApiMessages.CHINESE))
                        .as(e.getKey())
                        .isTrue());
        assertThat(ApiMessages.texts(ApiMessages.ENGLISH).entrySet())
                .allSatisfy(e -> assertThat(ApiMessages.isIn(e.getValue(), ApiMessages.ENGLISH))
                        .as(e.getKey())
                        .isTrue());
    }

    @Test
    void texts_with_arguments_are_valid_message_formats_and_hand_written_json_needs_no_escaping() {
        Stream.of(ApiMessages.CHINESE, ApiMessages.ENGLISH)
                .flatMap(language -> ApiMessages.texts(language).values().stream())
                .filter(text -> !placeholders(text).isEmpty())
                .forEach(text ->
                        assertThat(text).as("a quote is MessageFormat's escape").doesNotContain("'"));
        for (String key : HAND_WRITTEN_JSON) {
            assertThat(ApiMessages.text(key, ApiMessages.CHINESE) + ApiMessages.text(key, ApiMessages.ENGLISH))
                    .as(key)
                    .doesNotContain("\"", "\\", "null");
        }
        assertThat(ApiMessages.text("PASSWORD_LENGTH", ApiMessages.CHINESE, 8, 128))
                .isEqualTo("密码长度须为 8 至 128 个字符");
        assertThat(ApiMessages.text("PASSWORD_LENGTH", ApiMessages.ENGLISH, 8, 128))
                .isEqualTo("A password has 8 to 128 characters");
    }

    @Test
    void english_is_answered_only_when_the_caller_prefers_it_to_chinese() {
        assertThat(ApiMessages.language("en")).isEqualTo(ApiMessages.ENGLISH);
        assertThat(ApiMessages.language("en-US,en;q=0.9")).isEqualTo(ApiMessages.ENGLISH);
        assertThat(ApiMessages.language("fr-FR, en;q=0.5")).isEqualTo(ApiMessages.ENGLISH);
        assertThat(ApiMessages.language("en;q=0.5, zh-CN;q=0.8")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("zh-Hant-TW")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language(null)).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("de-DE, fr")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("*, en;q=0.5")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language("en;q=0")).isEqualTo(ApiMessages.CHINESE);
        assertThat(ApiMessages.language(";;;q=x,,")).isEqualTo(ApiMessages.CHINESE);
    }

    @Test
    void a_throw_sites_text_is_kept_only_in_its_own_language() {
        String specific = "名称最多 50 个字";
        assertThat(ApiMessages.message("NAME_TOO_LONG", specific, ApiMessages.CHINESE))
                .isEqualTo(specific);
        assertThat(ApiMessages.message("NAME_TOO_LONG", specific, ApiMessages.ENGLISH))
                .isEqualTo(ApiMessages.text("NAME_TOO_LONG", ApiMessages.ENGLISH));
        assertThat(ApiMessages.message("FORBIDDEN", "Only administrators define rules", ApiMessages.CHINESE))
                .isEqualTo("您没有权限进行此操作");
        assertThat(ApiMessages.message("FORBIDDEN", "Only administrators define rules", ApiMessages.ENGLISH))
                .isEqualTo("Only administrators define rules");
        assertThat(ApiMessages.message("HTTP_418", "I'm a teapot", ApiMessages.CHINESE))
                .isEqualTo(ApiMessages.text(ApiMessages.UNKNOWN, ApiMessages.CHINESE));
    }

    @Test
    void a_translated_error_keeps_its_code_and_fields() {
        ApiError english = new ApiError(
                Idempotency.KEY_REPEATED,
                "Send one Idempotency-Key header",
                List.of(new ApiError.FieldError(Idempotency.KEY, "Sent 2 times")));
        ApiError chinese = ApiMessages.translate(english, ApiMessages.CHINESE);
        assertThat(chinese.code()).isEqualTo(Idempotency.KEY_REPEATED);
        assertThat(chinese.message()).isEqualTo("只能发送一个 Idempotency-Key 头");
        assertThat(chinese.errors()).extracting(ApiError.FieldError::field).containsExactly(Idempotency.KEY);
        assertThat(chinese.errors()).allSatisfy(f -> assertThat(ApiMessages.isIn(f.message(), ApiMessages.CHINESE))
                .isTrue());
        assertThat(ApiMessages.translate(english, ApiMessages.ENGLISH)).isEqualTo(english);
    }

    /** Every code: the public constants of ErrorCodes and of every *Errors class, results, literals. */
    private static Set<String> codes() {
        Set<String> codes = new TreeSet<>(LITERAL_CODES);
        List<Class<?>> holders = new ArrayList<>(List.of(ErrorCodes.class));
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.gongjian").stream()
                        .filter(c -> c.getSimpleName().endsWith("Errors"))
                        .map(JavaClass::reflect)
                        .forEach(holders::add);
        assertThat(holders).extracting(Class::getSimpleName).contains("MemberErrors", "TimeBankErrors", "UserErrors");
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                int m = field.getModifiers();
                if (Modifier.isPublic(m) && Modifier.isStatic(m) && field.getType() == String.class) {
                    try {
                        codes.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        for (PostingResult.Result result : PostingResult.Result.values()) {
            if (result != PostingResult.Result.OK && result != PostingResult.Result.REFUSED) {
                codes.add(result.name());
            }
        }
        for (PasswordChangeResult result : PasswordChangeResult.values()) {
            if (result.name().startsWith("PASSWORD_")) {
                codes.add(result.name());
            }
        }
        return codes;
    }

    private static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().sorted().distinct().toList();
    }
}
