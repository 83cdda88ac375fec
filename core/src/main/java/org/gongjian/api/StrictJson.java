package org.gongjian.api;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Every JSON value the API reads is taken exactly as sent: an integer field takes a JSON integer in
 * its range (not {@code 1.5}, {@code 1e3}, {@code "5"}, {@code true} or {@code [5]}), a boolean
 * {@code true} or {@code false}, a text a JSON string, a date a string {@code YYYY-MM-DD}. These
 * deserializers replace micronaut-serde's lenient ones for the whole application; anything else
 * fails with {@link WrongValue}, which {@link BadInput} answers as a 400 naming the field.
 */
final class StrictJson {

    private StrictJson() {}

    /** A value of the wrong JSON kind, or out of range, for the field {@link #field}. */
    static final class WrongValue extends SerdeException {
        final String code;
        final @Nullable String field;

        WrongValue(String code, Argument<?> type) {
            super(code + " for " + type.getName());
            this.code = code;
            // an element of a list or map has no name of its own (its argument is a type variable)
            this.field = type.isTypeVariable() ? null : type.getName();
        }
    }

    /** The value {@code read} takes from the next JSON value, or {@link WrongValue} when it gives none. */
    private static <T> T value(Decoder decoder, Argument<?> type, String code, Function<JsonNode, T> read)
            throws IOException {
        T value = read.apply(decoder.decodeNode());
        if (value == null) {
            throw new WrongValue(code, type);
        }
        return value;
    }

    private static long integer(Decoder decoder, Argument<?> type, long min, long max) throws IOException {
        return value(decoder, type, ErrorCodes.INVALID_NUMBER, node -> {
            Number n = node.isNumber() ? node.getNumberValue() : null;
            boolean integral = n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
            return integral && n.longValue() >= min && n.longValue() <= max ? n.longValue() : null;
        });
    }

    private static @Nullable LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The strict deserializers, preferred ({@code @Primary}) over micronaut-serde's own. */
    @Factory
    static final class Deserializers {

        @Singleton
        @Primary
        Deserializer<Long> longs() {
            return (decoder, context, type) -> integer(decoder, type, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Singleton
        @Primary
        Deserializer<Integer> integers() {
            return (decoder, context, type) -> (int) integer(decoder, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }

        @Singleton
        @Primary
        Deserializer<Boolean> booleans() {
            return (decoder, context, type) ->
                    value(decoder, type, ErrorCodes.INVALID_BOOLEAN, n -> n.isBoolean() ? n.getBooleanValue() : null);
        }

        @Singleton
        @Primary
        Deserializer<String> texts() {
            return (decoder, context, type) ->
                    value(decoder, type, ErrorCodes.INVALID_TEXT, n -> n.isString() ? n.getStringValue() : null);
        }

        @Singleton
        @Primary
        Deserializer<LocalDate> dates() {
            return (decoder, context, type) ->
                    value(decoder, type, ErrorCodes.INVALID_DATE, n -> n.isString() ? date(n.getStringValue()) : null);
        }
    }
}
