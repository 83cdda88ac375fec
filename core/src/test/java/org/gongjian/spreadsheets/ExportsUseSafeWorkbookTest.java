package org.gongjian.spreadsheets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every spreadsheet Gongjian writes goes through {@link SafeWorkbook}, so that no export can
 * forget to neutralise formulas: nothing else touches the spreadsheet writer ({@code
 * org.dhatim.fastexcel}; its reader, {@code org.dhatim.fastexcel.reader}, is free to use).
 */
class ExportsUseSafeWorkbookTest {

    private static final Pattern WRITER = Pattern.compile("org\\.dhatim\\.fastexcel\\.(?!reader\\.)[A-Z*]");

    @Test
    void no_class_of_core_but_the_safe_workbook_uses_the_spreadsheet_writer() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.gongjian.spreadsheets..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.dhatim.fastexcel")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.gongjian"));
    }

    /** The same over the sources of every module (the UI and the plugins are not on core's class path). */
    @Test
    void no_source_file_of_any_module_but_the_safe_workbook_names_the_spreadsheet_writer() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root, 12)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    // the benchmark writes rosters to import, not exports anyone opens
                    .filter(p -> !p.toString().contains("/bench/src/"))
                    .toList();
        }
        assertThat(sources)
                .as("the sources of core and ui were found")
                .anyMatch(p -> p.toString().contains("/core/src/main/java/"))
                .anyMatch(p -> p.toString().contains("/ui/src/main/java/"));

        List<Path> offenders = sources.stream()
                .filter(p -> !p.toString().contains("/org/gongjian/spreadsheets/"))
                .filter(p -> WRITER.matcher(read(p)).find())
                .toList();

        assertThat(offenders).as("write spreadsheets with SafeWorkbook").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
