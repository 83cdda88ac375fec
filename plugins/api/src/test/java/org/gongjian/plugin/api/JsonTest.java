package org.gongjian.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class JsonTest {

    private static EndpointException refused(Executable call) {
        EndpointException e = assertThrows(EndpointException.class, call);
        assertEquals(400, e.status());
        return e;
    }

    private static void refusedWith(String code, String field, Executable call) {
        EndpointException e = refused(call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(Optional.ofNullable(field), e.field());
    }

    @Test
    void an_object_is_read_with_its_values_exactly_as_sent() {
        JsonObject in = Json.parseObject(
                " {\"name\":\"肥皂\",\"price\":15,\"weight\":0.25,\"big\":12345678901234567890123,\"ok\":true,"
                        + "\"none\":null,\"tags\":[\"a\",\"b\"],\"owner\":{\"id\":-7}} \r\n");

        assertEquals("肥皂", in.getString("name"));
        assertEquals(15L, in.getLong("price"));
        assertEquals(15, in.getInt("price"));
        assertEquals(new BigDecimal("0.25"), in.getDecimal("weight"));
        assertEquals(new BigDecimal("12345678901234567890123"), in.getDecimal("big"));
        assertTrue(in.getBoolean("ok"));
        assertFalse(in.has("none"));
        assertEquals(Optional.empty(), in.optionalString("none"));
        assertEquals(Optional.empty(), in.optionalLong("absent"));
        assertEquals(List.of("a", "b"), in.getStrings("tags"));
        assertEquals(-7L, in.getObject("owner").getLong("id"));
        assertEquals(List.of("name", "price", "weight", "big", "ok", "none", "tags", "owner"), List.copyOf(in.names()));
    }

    @Test
    void an_integer_field_refuses_fractions_exponents_texts_booleans_and_values_out_of_range() {
        JsonObject in =
                Json.parseObject("{\"a\":1.5,\"b\":1e3,\"c\":\"5\",\"d\":true,\"e\":1.0,\"f\":9223372036854775808,"
                        + "\"g\":2147483648,\"h\":[5],\"i\":1E0}");
        for (String field : List.of("a", "b", "c", "d", "e", "f", "h", "i")) {
            refusedWith(Json.INVALID_NUMBER, field, () -> in.getLong(field));
        }
        assertEquals(2147483648L, in.getLong("g"));
        refusedWith(Json.INVALID_NUMBER, "g", () -> in.getInt("g"));
        assertEquals(new BigDecimal("1E+3"), in.getDecimal("b"));
    }

    @Test
    void the_largest_and_smallest_long_are_read_exactly() {
        JsonObject in = Json.parseObject("{\"max\":9223372036854775807,\"min\":-9223372036854775808}");
        assertEquals(Long.MAX_VALUE, in.getLong("max"));
        assertEquals(Long.MIN_VALUE, in.getLong("min"));
    }

    @Test
    void typed_getters_refuse_values_of_another_kind_naming_the_field() {
        JsonObject in = Json.parseObject("{\"n\":5,\"s\":\"x\",\"o\":{\"inner\":{\"x\":\"1\"}},\"list\":[1,\"2\"],"
                + "\"items\":[{\"id\":1},{\"id\":\"2\"}],\"date\":\"2026-02-30\",\"role\":\"admin\"}");

        refusedWith(Json.INVALID_TEXT, "n", () -> in.getString("n"));
        refusedWith(Json.INVALID_NUMBER, "s", () -> in.getDecimal("s"));
        refusedWith(Json.INVALID_BOOLEAN, "n", () -> in.getBoolean("n"));
        refusedWith(Json.INVALID_VALUE, "s", () -> in.getObject("s"));
        refusedWith(Json.INVALID_VALUE, "n", () -> in.getArray("n"));
        refusedWith(Json.INVALID_NUMBER, "o.inner.x", () -> in.getObject("o")
                .getObject("inner")
                .getLong("x"));
        refusedWith(Json.INVALID_NUMBER, "list[1]", () -> in.getLongs("list"));
        refusedWith(Json.INVALID_NUMBER, "items[1].id", () -> in.getObjects("items")
                .get(1)
                .getLong("id"));
        refusedWith(Json.INVALID_DATE, "date", () -> in.getDate("date"));
        refusedWith(Json.INVALID_VALUE, "role", () -> in.getEnum("role", PluginRole.class));
    }

    @Test
    void dates_and_enum_constants_are_read_when_exact() {
        JsonObject in = Json.parseObject("{\"date\":\"2026-12-01\",\"role\":\"ORG_ADMIN\",\"short\":\"2026-1-1\"}");
        assertEquals(LocalDate.of(2026, 12, 1), in.getDate("date"));
        assertEquals(PluginRole.ORG_ADMIN, in.getEnum("role", PluginRole.class));
        refusedWith(Json.INVALID_DATE, "short", () -> in.getDate("short"));
    }

    @Test
    void a_required_field_that_is_absent_or_null_is_missing() {
        JsonObject in = Json.parseObject("{\"memo\":null,\"o\":{}}");
        refusedWith(Json.MISSING_FIELD, "memo", () -> in.getString("memo"));
        refusedWith(Json.MISSING_FIELD, "amount", () -> in.getLong("amount"));
        refusedWith(Json.MISSING_FIELD, "o.id", () -> in.getObject("o").getLong("id"));
    }

    @Test
    void unknown_fields_are_refused_when_the_endpoint_names_its_fields() {
        JsonObject in = Json.parseObject("{\"itemId\":1,\"quantitty\":2}");
        refusedWith(Json.UNKNOWN_FIELD, "quantitty", () -> in.onlyFields("itemId", "quantity"));
        assertEquals(in, in.onlyFields("itemId", "quantitty"));
    }

    @Test
    void a_duplicate_key_is_refused_even_when_nested() {
        refusedWith(Json.DUPLICATE_FIELD, "a", () -> Json.parseObject("{\"a\":1,\"a\":1}"));
        refusedWith(Json.DUPLICATE_FIELD, "o.b", () -> Json.parseObject("{\"o\":{\"b\":1,\"b\":2}}"));
        // the same name after decoding its escapes is the same key
        refusedWith(Json.DUPLICATE_FIELD, "a", () -> Json.parseObject("{\"a\":1,\"\\u0061\":2}"));
    }

    @Test
    void nesting_is_bounded_at_thirty_two_levels() {
        String ok = "[".repeat(31) + "]".repeat(31);
        assertEquals(1, ((List<?>) ((JsonObject) Json.parse("{\"a\":" + ok + "}")).getArray("a")).size());
        refusedWith(Json.NESTING_TOO_DEEP, null, () -> Json.parse("{\"a\":" + "[".repeat(32) + "]".repeat(32) + "}"));
        // far deeper than any stack: refused at the limit, not by a StackOverflowError
        refusedWith(Json.NESTING_TOO_DEEP, null, () -> Json.parse("[".repeat(1_000_000)));
        refusedWith(Json.NESTING_TOO_DEEP, null, () -> Json.parse("{\"a\":".repeat(100_000)));
    }

    @Test
    void huge_numbers_are_refused_before_they_cost_time() {
        String digits = "9".repeat(200_000);
        refusedWith(Json.INVALID_NUMBER, "n", () -> Json.parseObject("{\"n\":" + digits + "}"));
        refusedWith(Json.INVALID_NUMBER, "n", () -> Json.parseObject("{\"n\":1e999999999}"));
        refusedWith(Json.INVALID_NUMBER, "n", () -> Json.parseObject("{\"n\":1e-1001}"));
        refusedWith(Json.INVALID_NUMBER, "n", () -> Json.parseObject("{\"n\":1e99999999999999999999}"));
        assertEquals(
                new BigDecimal("1e1000"), Json.parseObject("{\"n\":1e1000}").getDecimal("n"));
    }

    @Test
    void text_that_is_not_json_is_malformed() {
        List<String> bad = List.of(
                "",
                "   ",
                "{",
                "{\"a\":1",
                "{\"a\":1,}",
                "{\"a\" 1}",
                "{a:1}",
                "{'a':1}",
                "{\"a\":01}",
                "{\"a\":.5}",
                "{\"a\":1.}",
                "{\"a\":-}",
                "{\"a\":1e}",
                "{\"a\":+1}",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":tru}",
                "{\"a\":nulll}",
                "{\"a\":[1,]}",
                "{\"a\":\"x\ty\"}",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12G4\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"open}",
                "{\"a\":1}{}",
                "{\"a\":1} x",
                "{\"a\":1}\u00a0",
                "\ufeff{\"a\":1}",
                "/* c */{\"a\":1}");
        for (String text : bad) {
            refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parse(text));
        }
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parseObject("[1]"));
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parseObject("\"text\""));
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parseObject(null));
    }

    @Test
    void strings_must_be_unicode_lone_surrogates_are_refused() {
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parse("{\"a\":\"\\ud800\"}"));
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parse("{\"a\":\"\\udc00x\"}"));
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parse("{\"a\":\"\\ud800\\u0041\"}"));
        refusedWith(Json.MALFORMED_REQUEST, null, () -> Json.parse("{\"a\":\"\ud800\"}"));
        assertEquals("😀", Json.parseObject("{\"a\":\"\\ud83d\\ude00\"}").getString("a"));
        assertEquals("😀", Json.parseObject("{\"a\":\"😀\"}").getString("a"));
        assertEquals(
                "\u0000\"\\/\b\f\n\r\t",
                Json.parseObject("{\"a\":\"\\u0000\\\"\\\\\\/\\b\\f\\n\\r\\t\"}")
                        .getString("a"));
    }

    @Test
    void written_strings_are_escaped_and_read_back_unchanged() {
        String nasty = "引号\" 反斜杠\\ 换行\n 制表\t \u0000 \u001f \u2028 </script> & 😀";
        String json = Json.object().put("text", nasty).toJson();

        assertFalse(json.contains("\n"));
        assertFalse(json.contains("</script>"));
        assertFalse(json.contains("\u2028"));
        assertEquals(nasty, Json.parseObject(json).getString("text"));
        assertEquals("\"a\\\"b\"", Json.quote("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> Json.quote("lone \ud800"));
    }

    @Test
    void objects_and_arrays_are_written_in_order_with_every_kind_of_value() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", null);
        String json = Json.object()
                .put("id", 42L)
                .put("price", new BigDecimal("15.50"))
                .put("ratio", 0.5)
                .put("ok", false)
                .put("role", PluginRole.VOLUNTEER)
                .put("none", Optional.empty())
                .put("some", Optional.of("x"))
                .put("list", List.of(1, "两", List.of()))
                .put("nested", nested)
                .put("builder", Json.object().put("k", "v"))
                .toJson();

        assertEquals(
                "{\"id\":42,\"price\":15.50,\"ratio\":0.5,\"ok\":false,\"role\":\"VOLUNTEER\",\"none\":null,"
                        + "\"some\":\"x\",\"list\":[1,\"两\",[]],\"nested\":{\"z\":1,\"a\":null},\"builder\":{\"k\":\"v\"}}",
                json);
        JsonObject back = Json.parseObject(json);
        assertEquals(new BigDecimal("15.50"), back.getDecimal("price"));
        assertNull(back.asMap().get("none"));
        assertEquals(Json.parseObject(back.toString()), back);
    }

    @Test
    void values_json_cannot_hold_are_refused_when_written() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "x")));
        assertThrows(
                IllegalArgumentException.class, () -> Json.object().put("a", 1).put("a", 2));
        Object deep = List.of();
        for (int i = 0; i < 40; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThrows(IllegalArgumentException.class, () -> Json.write(tooDeep));
    }
}
