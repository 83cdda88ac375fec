package org.gongjian.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import org.gongjian.errors.InvalidInputException;

/**
 * How every endpoint that posts with an {@value #KEY} header answers, so that clients retry them
 * all the same way: a new posting 201; a retry of a decided request its first answer with
 * {@value #REPLAYED}{@code : true} (200 for a posting); the key used before with other content 409
 * {@value #CONFLICT}; every other refusal 422 with its stable code. Nothing but a 201 changed
 * anything.
 */
public final class Idempotency {

    public static final String KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final String CONFLICT = "DUPLICATE_WITH_DIFFERENT_CONTENT";
    public static final String KEY_REQUIRED = "IDEMPOTENCY_KEY_REQUIRED";
    /** 400: the header was sent more than once; which one the client meant is not guessed. */
    public static final String KEY_REPEATED = "IDEMPOTENCY_KEY_REPEATED";

    private Idempotency() {}

    /**
     * The request's key.
     *
     * @throws InvalidInputException {@value #KEY_REQUIRED} when the header is missing or empty
     */
    public static String required(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException(KEY_REQUIRED, KEY, "请求需带 Idempotency-Key 头");
        }
        return key;
    }

    /** A posted request: 201, or 200 with the replay header when it answers a retry. */
    public static MutableHttpResponse<?> posted(Object body, boolean replayed) {
        return replayed
                ? HttpResponse.ok(body).header(REPLAYED, "true")
                : HttpResponse.status(HttpStatus.CREATED).body(body);
    }

    /** A refused request: 409 for {@value #CONFLICT}, else 422; with the replay header for a retry. */
    public static MutableHttpResponse<?> refused(ApiError error, boolean replayed) {
        MutableHttpResponse<?> response = HttpResponse.status(
                        CONFLICT.equals(error.code()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY)
                .body(error);
        return replayed ? response.header(REPLAYED, "true") : response;
    }
}
