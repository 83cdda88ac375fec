package org.gongjian.sdk;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller of the plugin page or endpoint request being handled on this thread, for the SDK's
 * {@code Access.currentCaller()}. Bound by the host around a plugin endpoint call and around each
 * UI request; never by plugins.
 */
public final class CurrentPluginCaller {

    private static final ThreadLocal<HostCaller> CURRENT = new ThreadLocal<>();

    private CurrentPluginCaller() {}

    /** Runs the work with the caller bound to this thread, restoring what was bound before. */
    public static <T> T callAs(HostCaller caller, Supplier<T> work) {
        Objects.requireNonNull(caller, "caller");
        HostCaller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** Binds the caller until {@link #clear()} (for request interceptors with separate start and end). */
    public static void bind(HostCaller caller) {
        CURRENT.set(Objects.requireNonNull(caller, "caller"));
    }

    public static void clear() {
        CURRENT.remove();
    }

    public static Optional<HostCaller> get() {
        return Optional.ofNullable(CURRENT.get());
    }
}
