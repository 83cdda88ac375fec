package org.gongjian.plugin.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A JSON object read by {@link Json#parseObject(String)}, with getters that take each value exactly
 * as sent. A {@code getX} getter requires the field ({@value Json#MISSING_FIELD} when it is absent
 * or {@code null}); an {@code optionalX} getter answers empty for both. A value of the wrong kind is
 * never converted: an integer getter refuses {@code 1.5}, {@code 1e3}, {@code "5"} and numbers out
 * of its range ({@value Json#INVALID_NUMBER}), a text getter refuses {@code 5} ({@value
 * Json#INVALID_TEXT}). Each refusal is an {@link EndpointException} 400 naming the field, with a path
 * for nested ones ({@code address.city}, {@code items[2].id}).
 *
 * @since 0.2
 */
public final class JsonObject {

    private final Map<String, Object> fields;
    private final String path;

    JsonObject(Map<String, Object> fields, String path) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.path = path;
    }

    /**
     * This object, after checking that it has no field but these.
     *
     * @throws EndpointException 400 {@value Json#UNKNOWN_FIELD} naming the first other field
     */
    public JsonObject onlyFields(String... allowed) {
        Set<String> names = Set.of(allowed);
        for (String name : fields.keySet()) {
            if (!names.contains(name)) {
                String field = field(name);
                throw new EndpointException(400, Json.UNKNOWN_FIELD, "The field " + field + " is not known", field);
            }
        }
        return this;
    }

    /** The field names, in the order sent. */
    public Set<String> names() {
        return fields.keySet();
    }

    /** Whether the field is present and not {@code null}. */
    public boolean has(String name) {
        return fields.get(name) != null;
    }

    /** The raw value as {@link Json#parse(String)} gives it, empty when absent or {@code null}. */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** The fields as an unmodifiable map (JSON {@code null} as a {@code null} value). */
    public Map<String, Object> asMap() {
        return fields;
    }

    public String getString(String name) {
        return required(name, optionalString(name));
    }

    public Optional<String> optionalString(String name) {
        return typed(name, Json.INVALID_TEXT, "a text", (v, f) -> v instanceof String s ? s : null);
    }

    /** A JSON integer in the range of {@code long} (not {@code 1.0}, {@code 1e3} or {@code "1"}). */
    public long getLong(String name) {
        return required(name, optionalLong(name));
    }

    public Optional<Long> optionalLong(String name) {
        return typed(name, Json.INVALID_NUMBER, "an integer", (v, f) -> integer(v, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** A JSON integer in the range of {@code int}. */
    public int getInt(String name) {
        return required(name, optionalInt(name));
    }

    public Optional<Integer> optionalInt(String name) {
        return typed(name, Json.INVALID_NUMBER, "an integer in the range of int", (v, f) -> {
            Long n = integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return n == null ? null : n.intValue();
        });
    }

    /** Any JSON number, exactly as sent. */
    public BigDecimal getDecimal(String name) {
        return required(name, optionalDecimal(name));
    }

    public Optional<BigDecimal> optionalDecimal(String name) {
        return typed(name, Json.INVALID_NUMBER, "a number", (v, f) -> v instanceof BigDecimal d ? d : null);
    }

    public boolean getBoolean(String name) {
        return required(name, optionalBoolean(name));
    }

    public Optional<Boolean> optionalBoolean(String name) {
        return typed(name, Json.INVALID_BOOLEAN, "true or false", (v, f) -> v instanceof Boolean b ? b : null);
    }

    /** A string {@code YYYY-MM-DD} that is a real date. */
    public LocalDate getDate(String name) {
        return required(name, optionalDate(name));
    }

    public Optional<LocalDate> optionalDate(String name) {
        return typed(name, Json.INVALID_DATE, "a date YYYY-MM-DD", (v, f) -> {
            if (!(v instanceof String s) || !s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        });
    }

    /** A string that is the name of one of the constants of {@code type}, exactly. */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        return required(name, optionalEnum(name, type));
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
        return typed(name, Json.INVALID_VALUE, "one of " + List.of(type.getEnumConstants()), (v, f) -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(v)) {
                    return constant;
                }
            }
            return null;
        });
    }

    public JsonObject getObject(String name) {
        return required(name, optionalObject(name));
    }

    public Optional<JsonObject> optionalObject(String name) {
        return typed(name, Json.INVALID_VALUE, "an object", (v, f) -> v instanceof JsonObject o ? o : null);
    }

    /** An array, its elements as {@link Json#parse(String)} gives them. */
    public List<Object> getArray(String name) {
        return required(name, optionalArray(name));
    }

    public Optional<List<Object>> optionalArray(String name) {
        return typed(name, Json.INVALID_VALUE, "an array", (v, f) -> {
            if (v instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> items = (List<Object>) list;
                return items;
            }
            return null;
        });
    }

    /** An array of texts (each element checked, {@code tags[1]} named when one is not). */
    public List<String> getStrings(String name) {
        return elements(name, Json.INVALID_TEXT, "a text", v -> v instanceof String s ? s : null);
    }

    /** An array of integers in the range of {@code long}. */
    public List<Long> getLongs(String name) {
        return elements(name, Json.INVALID_NUMBER, "an integer", v -> integer(v, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** An array of objects. */
    public List<JsonObject> getObjects(String name) {
        return elements(name, Json.INVALID_VALUE, "an object", v -> v instanceof JsonObject o ? o : null);
    }

    @Override
    public String toString() {
        return Json.write(fields);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonObject o && o.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    private <T> List<T> elements(String name, String code, String kind, java.util.function.Function<Object, T> read) {
        List<Object> items = getArray(name);
        List<T> values = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T value = items.get(i) == null ? null : read.apply(items.get(i));
            if (value == null) {
                String field = field(name) + "[" + i + "]";
                throw new EndpointException(400, code, field + " must be " + kind, field);
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    /** An integer value as sent (scale 0: see {@code Json.Reader.number}) in [min, max], else null. */
    private static Long integer(Object value, long min, long max) {
        if (!(value instanceof BigDecimal d) || d.scale() != 0) {
            return null;
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            return null;
        }
        return d.longValueExact();
    }

    private <T> Optional<T> typed(String name, String code, String kind, BiFunction<Object, String, T> read) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        T typed = read.apply(value, name);
        if (typed == null) {
            String field = field(name);
            throw new EndpointException(400, code, field + " must be " + kind, field);
        }
        return Optional.of(typed);
    }

    private <T> T required(String name, Optional<T> value) {
        return value.orElseThrow(() -> {
            String field = field(name);
            return new EndpointException(400, Json.MISSING_FIELD, "The field " + field + " is required", field);
        });
    }

    private String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
