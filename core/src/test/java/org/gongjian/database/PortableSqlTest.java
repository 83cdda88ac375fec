package org.gongjian.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SQL stays portable to the MySQL-protocol clusters we promise (group replication, Galera,
 * TiDB): no shared-lock reads, which TiDB refuses unless its no-op functions are switched on (use
 * {@code FOR UPDATE}, which every one of them takes).
 */
class PortableSqlTest {

    private static final Pattern NOT_PORTABLE =
            Pattern.compile("\\bLOCK\\s+IN\\s+SHARE\\s+MODE\\b|\\bFOR\\s+SHARE\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void the_core_sources_take_no_shared_locks() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                NOT_PORTABLE.matcher(Files.readString(file)).results().forEach(m -> found.add(file + ": " + m.group()));
            }
        }
        assertThat(found).isEmpty();
    }
}
