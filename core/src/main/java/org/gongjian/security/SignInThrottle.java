package org.gongjian.security;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed password checks per client address, whatever the usernames: after {@code
 * gongjian.sign-in.address-failures} (default {@value #DEFAULT_FAILURES}) failures within {@link
 * #WINDOW}, the address may not try again until its oldest failure leaves the window. Passwords are
 * not even checked meanwhile. Kept in memory per app node: a restart forgets, and several nodes
 * each allow the limit (the per-account lock in the database is the durable rule).
 */
@Singleton
class SignInThrottle {

    static final int DEFAULT_FAILURES = 20;
    static final Duration WINDOW = Duration.ofMinutes(10);

    /** Addresses remembered before old ones are forgotten; bounds the memory an attacker can use. */
    private static final int MAX_ADDRESSES = 50_000;

    private final int limit;
    private final Map<String, ArrayDeque<Instant>> failures = new ConcurrentHashMap<>();

    SignInThrottle(@Value("${gongjian.sign-in.address-failures:" + DEFAULT_FAILURES + "}") int limit) {
        this.limit = limit;
    }

    /** How long {@code address} must wait before its next attempt, if it must. */
    Optional<Duration> retryAfter(String address, Instant now) {
        ArrayDeque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            forgetOld(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, times.peekFirst().plus(WINDOW));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    /** Counts a failed password check (or a refused one) from {@code address}. */
    void failed(String address, Instant now) {
        if (failures.size() >= MAX_ADDRESSES) {
            prune(now);
        }
        ArrayDeque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            forgetOld(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    private void prune(Instant now) {
        failures.values().removeIf(times -> {
            synchronized (times) {
                forgetOld(times, now);
                return times.isEmpty();
            }
        });
        if (failures.size() >= MAX_ADDRESSES) {
            // Under a flood from very many addresses: forget everything rather than grow without bound.
            failures.clear();
        }
    }

    private static void forgetOld(ArrayDeque<Instant> times, Instant now) {
        Instant start = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }
}
