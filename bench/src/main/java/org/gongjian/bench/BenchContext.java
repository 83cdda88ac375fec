package org.gongjian.bench;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;

/** The throwaway application context of a benchmark: its own home and embedded database, deleted at the end. */
final class BenchContext {

    private BenchContext() {}

    /** Starts a context with its home under {@code bench/target/bench-homes/<name>-<millis>}. */
    static ApplicationContext start(String name) {
        Path home = Path.of("bench/target/bench-homes/" + name + "-" + System.currentTimeMillis());
        return ApplicationContext.run(Map.of(
                "gongjian.home",
                home.toAbsolutePath().toString(),
                "gongjian.home-delete-on-shutdown",
                true,
                "gongjian.port",
                -1,
                "gongjian.bind",
                "127.0.0.1"));
    }
}
