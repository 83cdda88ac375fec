package org.gongjian.plugin.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strict JSON for plugin endpoints, without a library: {@link #parseObject(String)} reads a request
 * body exactly as sent and {@link #write(Object)} (or {@link #object()}) writes an answer.
 *
 * <p>Reading follows the platform's own API: a duplicate key, trailing text after the value, a
 * control character or a lone surrogate in a string, a number that is not JSON ({@code 01}, {@code
 * .5}, {@code NaN}), and nesting deeper than {@value #MAX_DEPTH} levels are refused; numbers are
 * kept as {@link BigDecimal} (never rounded through {@code double}); {@link JsonObject}'s typed
 * getters refuse a value of the wrong kind ({@code 1.5} or {@code "5"} for an integer). Every
 * refusal is an {@link EndpointException} with status 400, one of the platform's codes below and the
 * field at fault, which the host answers as its JSON error in the caller's language.
 *
 * <pre>{@code
 * JsonObject in = Json.parseObject(request.body()).onlyFields("itemId", "quantity", "memo");
 * long itemId = in.getLong("itemId");
 * int quantity = in.optionalInt("quantity").orElse(1);
 * return EndpointResponse.ok(Json.object().put("itemId", itemId).put("left", 3).toJson());
 * }</pre>
 *
 * @since 0.2
 */
public final class Json {

    /** The body is not JSON, or not a JSON object. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    /** A required field is absent or null. */
    public static final String MISSING_FIELD = "MISSING_FIELD";
    /** A field the endpoint does not take. */
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    /** The same field twice in one object. */
    public static final String DUPLICATE_FIELD = "DUPLICATE_FIELD";
    /** Not a JSON number, or not an integer in range where one is expected. */
    public static final String INVALID_NUMBER = "INVALID_NUMBER";
    /** Not {@code true} or {@code false}. */
    public static final String INVALID_BOOLEAN = "INVALID_BOOLEAN";
    /** Not a JSON string where a text is expected. */
    public static final String INVALID_TEXT = "INVALID_TEXT";
    /** Not a string {@code YYYY-MM-DD} that is a real date. */
    public static final String INVALID_DATE = "INVALID_DATE";
    /** Not one of the values the field allows, or not an object or array where one is expected. */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    /** Nested deeper than {@value #MAX_DEPTH} levels. */
    public static final String NESTING_TOO_DEEP = "NESTING_TOO_DEEP";

    /** The deepest nesting of objects and arrays read, as in the platform's API. */
    public static final int MAX_DEPTH = 32;

    /** The longest number literal read, in characters: longer ones fit no field and cost time to convert. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The largest power of ten a number may carry ({@code 1e1000}); beyond, arithmetic on it is a hazard. */
    public static final int MAX_EXPONENT = 1000;

    private Json() {}

    /**
     * The JSON object in {@code text}, nothing before or after it but whitespace.
     *
     * @throws EndpointException 400 {@value #MALFORMED_REQUEST}, {@value #DUPLICATE_FIELD}, {@value
     *     #NESTING_TOO_DEEP} or {@value #INVALID_NUMBER}
     */
    public static JsonObject parseObject(String text) {
        Object value = parse(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new EndpointException(400, MALFORMED_REQUEST, "The body must be a JSON object");
    }

    /**
     * Any JSON value: a {@link JsonObject}, a {@code List<Object>} (unmodifiable), a {@link String}, a
     * {@link BigDecimal}, a {@link Boolean}, or {@code null} for JSON {@code null}.
     *
     * @throws EndpointException 400 as {@link #parseObject(String)}
     */
    public static Object parse(String text) {
        if (text == null) {
            throw new EndpointException(400, MALFORMED_REQUEST, "The body is empty");
        }
        return new Reader(text).document();
    }

    /**
     * {@code value} as JSON text: a {@link Map} with text keys or a {@link JsonObject} as an object (in
     * its iteration order), an {@link Iterable} or array of objects as an array, a {@link CharSequence}
     * as a string, a {@link Number} (finite), a {@link Boolean}, an {@link Enum} as its name, an {@link
     * Optional} as its value or {@code null}, and {@code null}.
     *
     * @throws IllegalArgumentException for anything else, a non-finite number, a text with a lone
     *     surrogate, or a structure nested deeper than {@value #MAX_DEPTH}
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        Writer.value(out, value, 0);
        return out.toString();
    }

    /** {@code text} as a JSON string literal, quotes included. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        Writer.string(out, text);
        return out.toString();
    }

    /** A new object to fill and write, keeping the order of its fields. */
    public static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /**
     * A JSON object being built; {@link #toJson()} writes it.
     *
     * @since 0.2
     */
    public static final class ObjectBuilder {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private ObjectBuilder() {}

        /**
         * Sets a field (values as {@link Json#write(Object)} takes them; an {@code ObjectBuilder} too).
         *
         * @throws IllegalArgumentException when the field was set already
         */
        public ObjectBuilder put(String name, Object value) {
            if (name == null || fields.containsKey(name)) {
                throw new IllegalArgumentException("The field " + name + " is set twice or has no name");
            }
            fields.put(name, value);
            return this;
        }

        public String toJson() {
            return write(fields);
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    static EndpointException malformed(String message) {
        return new EndpointException(400, MALFORMED_REQUEST, message);
    }

    /** A recursive-descent reader over the whole text; depth is bounded, so recursion is too. */
    private static final class Reader {

        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        Object document() {
            skipWhitespace();
            if (at >= text.length()) {
                throw malformed("The body is empty");
            }
            Object value = value(1, "");
            skipWhitespace();
            if (at < text.length()) {
                throw malformed("Unexpected text after the JSON value at offset " + at);
            }
            return value;
        }

        private Object value(int depth, String path) {
            if (at >= text.length()) {
                throw malformed("The JSON ends too early");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object(depth, path);
                case '[' -> array(depth, path);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number(path);
                    }
                    throw malformed("Unexpected character at offset " + at);
                }
            };
        }

        private JsonObject object(int depth, String path) {
            checkDepth(depth);
            at++; // {
            Map<String, Object> fields = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                at++;
                return new JsonObject(fields, path);
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw malformed("A field name must be a string, at offset " + at);
                }
                String name = string();
                String field = path.isEmpty() ? name : path + "." + name;
                if (fields.containsKey(name)) {
                    throw new EndpointException(400, DUPLICATE_FIELD, "The field " + field + " appears twice", field);
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                fields.put(name, value(depth + 1, field));
                skipWhitespace();
                char next = peek();
                at++;
                if (next == '}') {
                    return new JsonObject(fields, path);
                }
                if (next != ',') {
                    throw malformed("Expected , or } at offset " + (at - 1));
                }
            }
        }

        private List<Object> array(int depth, String path) {
            checkDepth(depth);
            at++; // [
            List<Object> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                at++;
                return Collections.unmodifiableList(items);
            }
            while (true) {
                skipWhitespace();
                items.add(value(depth + 1, path + "[" + items.size() + "]"));
                skipWhitespace();
                char next = peek();
                at++;
                if (next == ']') {
                    return Collections.unmodifiableList(items);
                }
                if (next != ',') {
                    throw malformed("Expected , or ] at offset " + (at - 1));
                }
            }
        }

        private String string() {
            at++; // opening quote
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw malformed("A string is not closed");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw malformed("A control character must be escaped in a string, at offset " + (at - 1));
                }
                if (c == '\\') {
                    out.append(escape());
                } else {
                    out.append(c);
                }
            }
            checkSurrogates(out);
            return out.toString();
        }

        private char escape() {
            if (at >= text.length()) {
                throw malformed("A string is not closed");
            }
            char c = text.charAt(at++);
            return switch (c) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw malformed("A \\u escape needs four hex digits");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) {
                            throw malformed("A \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    yield (char) code;
                }
                default -> throw malformed("Unknown escape \\" + c + " at offset " + (at - 2));
            };
        }

        /** Refuses text that is not Unicode: a high surrogate without a low one after it, or a low one alone. */
        private static void checkSurrogates(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw malformed("A string holds a lone surrogate (not Unicode text)");
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw malformed("A string holds a lone surrogate (not Unicode text)");
                }
            }
        }

        private BigDecimal number(String path) {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            if (peek() == '0') {
                at++;
            } else if (isDigit(peek())) {
                digits();
            } else {
                throw malformed("A number needs digits, at offset " + start);
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                at++;
                if (!isDigit(peek())) {
                    throw malformed("A number needs digits after the point, at offset " + start);
                }
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                at++;
                if (peek() == '+' || peek() == '-') {
                    at++;
                }
                if (!isDigit(peek())) {
                    throw malformed("A number needs digits in its exponent, at offset " + start);
                }
                digits();
            }
            String literal = text.substring(start, at);
            String field = path.isEmpty() ? null : path;
            if (literal.length() > MAX_NUMBER_LENGTH) {
                throw new EndpointException(
                        400, INVALID_NUMBER, "A number has more than " + MAX_NUMBER_LENGTH + " characters", field);
            }
            BigDecimal value;
            try {
                value = new BigDecimal(literal);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new EndpointException(400, INVALID_NUMBER, "A number is out of range", field);
            }
            if (value.scale() > MAX_EXPONENT || value.scale() < -MAX_EXPONENT) {
                throw new EndpointException(400, INVALID_NUMBER, "A number is out of range", field);
            }
            // 1e0 and 1.0 are not integers as sent: keep them apart from 1 (see JsonObject.getLong).
            return !integral && value.scale() == 0 ? value.setScale(1) : value;
        }

        private void digits() {
            while (isDigit(peek())) {
                at++;
            }
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw malformed("Unexpected character at offset " + at);
            }
            at += word.length();
            return value;
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw new EndpointException(400, NESTING_TOO_DEEP, "JSON nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw malformed("Expected " + c + " at offset " + at);
            }
            at++;
        }

        /** The next character, or NUL at the end (never valid where it is checked). */
        private char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        private void skipWhitespace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }
    }

    private static final class Writer {

        private Writer() {}

        static void value(StringBuilder out, Object value, int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("Nested deeper than " + MAX_DEPTH + " levels");
            }
            switch (value) {
                case null -> out.append("null");
                case CharSequence text -> string(out, text.toString());
                case Boolean b -> out.append(b);
                case BigDecimal d -> out.append(d);
                case Double d -> finite(out, d);
                case Float f -> finite(out, f.doubleValue());
                case Number n -> out.append(n);
                case Enum<?> e -> string(out, e.name());
                case Optional<?> o -> value(out, o.orElse(null), depth);
                case ObjectBuilder b -> value(out, b.fields, depth);
                case JsonObject o -> value(out, o.asMap(), depth);
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (!(e.getKey() instanceof String key)) {
                            throw new IllegalArgumentException("A JSON object's keys are texts");
                        }
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        string(out, key);
                        out.append(':');
                        value(out, e.getValue(), depth + 1);
                    }
                    out.append('}');
                }
                case Iterable<?> items -> {
                    out.append('[');
                    boolean first = true;
                    for (Object item : items) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        value(out, item, depth + 1);
                    }
                    out.append(']');
                }
                case Object[] items -> value(out, List.of(items), depth);
                default ->
                    throw new IllegalArgumentException(
                            "Not a JSON value: " + value.getClass().getName());
            }
        }

        private static void finite(StringBuilder out, double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            out.append(d);
        }

        static void string(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
                            // < > & escaped too: JSON that lands in HTML or a script cannot close a tag.
                            out.append(String.format("\\u%04x", (int) c));
                        } else if (Character.isHighSurrogate(c)
                                && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))) {
                            out.append(c).append(text.charAt(++i));
                        } else if (Character.isSurrogate(c)) {
                            throw new IllegalArgumentException("A text with a lone surrogate is not Unicode");
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
