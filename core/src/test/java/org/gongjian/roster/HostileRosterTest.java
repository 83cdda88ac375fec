package org.gongjian.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.spreadsheets.SafeWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile files of a hardening run, read by the real reader: each is refused with one file
 * problem, quickly, and with the memory the reading thread allocates bounded (far below what the
 * attack would build: 1.5 GB for the cell, a gigabyte for the shared strings).
 */
class HostileRosterTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final OrganizationNames NAMES = (name, kinds) -> OrganizationNames.Resolution.found(10L);

    /** What the reading thread may allocate beyond twice the file (its copy, and the test's array). */
    private static final long ALLOCATION_BOUND = 64L << 20;

    private static final Duration TIME_BOUND = Duration.ofSeconds(10);

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                hostile("malformed XML", HostileXlsx::malformedXml, "ROSTER_UNREADABLE", "ROSTER_UNREADABLE"),
                hostile("a DTD", HostileXlsx::withDtd, "ROSTER_UNREADABLE", "ROSTER_UNREADABLE"),
                hostile(
                        "an external entity",
                        () -> HostileXlsx.externalEntity("file:///etc/passwd"),
                        "ROSTER_UNREADABLE",
                        "ROSTER_UNREADABLE"),
                hostile("billion laughs", HostileXlsx::billionLaughs, "ROSTER_UNREADABLE", "ROSTER_UNREADABLE"),
                hostile(
                        "a 1.5 GB cell",
                        () -> HostileXlsx.hugeCell(1_500_000_000L),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CONTENT_TOO_LARGE"),
                hostile(
                        "a 1.5 GB cell whose size is understated",
                        () -> HostileXlsx.understated(HostileXlsx.hugeCell(1_500_000_000L), "xl/sharedStrings.xml"),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CELL_TOO_LONG"),
                hostile(
                        "a gigabyte of shared strings",
                        () -> HostileXlsx.hugeSharedStrings(1L << 30),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CONTENT_TOO_LARGE"),
                hostile(
                        "a gigabyte of shared strings whose size is understated",
                        () -> HostileXlsx.understated(HostileXlsx.hugeSharedStrings(1L << 30), "xl/sharedStrings.xml"),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CONTENT_TOO_LARGE"),
                hostile("1,048,576 rows", () -> HostileXlsx.rows(1_048_576), "ROSTER_TOO_LARGE", "ROSTER_TOO_LARGE"),
                hostile(
                        "a zip bomb whose size is understated",
                        () -> HostileXlsx.zipBomb(3L << 30),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CONTENT_TOO_LARGE"),
                hostile(
                        "5,000 zip entries",
                        () -> HostileXlsx.manyEntries(5_000),
                        "ROSTER_TOO_LARGE",
                        "ROSTER_CONTENT_TOO_LARGE"),
                hostile(
                        "elements nested 100,000 deep",
                        () -> HostileXlsx.deepNesting(100_000),
                        "ROSTER_UNREADABLE",
                        "ROSTER_UNREADABLE"));
    }

    private static Arguments hostile(String name, Supplier<byte[]> file, String code, String key) {
        return Arguments.of(name, file, code, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void a_hostile_file_is_refused_quickly_with_bounded_memory(
            String name, Supplier<byte[]> hostile, String code, String key) throws IOException {
        byte[] file = hostile.get();
        assertThat(file.length).as("the attack fits the upload limit").isLessThan(RosterReader.MAX_FILE_BYTES);

        Measured measured = measure(() -> read(file));

        assertThat(measured.check.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.messageKey()).isEqualTo(key);
            assertThat(p.row()).isEqualTo(1);
        });
        assertThat(measured.check.validRows()).isEmpty();
        System.out.printf(
                "%s: %d bytes, refused in %d ms, %d KB allocated%n",
                name, file.length, measured.elapsed.toMillis(), measured.allocated >> 10);
        assertThat(measured.elapsed).as("elapsed").isLessThan(TIME_BOUND);
        assertThat(measured.allocated)
                .as("bytes the reading thread allocated for a %d-byte file", file.length)
                .isLessThan(ALLOCATION_BOUND + 2L * file.length);
    }

    @Test
    void the_declared_rows_are_read_without_inflating_any_other_entry() {
        byte[] file = HostileXlsx.zipBombFirst(3L << 30);

        long start = System.nanoTime();
        int rows = RosterImports.estimatedRows(file);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(rows).isEqualTo(5000);
        assertThat(RosterImports.estimatedRows("not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(-1);
    }

    @Test
    void a_comment_drawing_that_is_not_well_formed_is_no_refusal_but_its_bytes_are_still_scanned() throws IOException {
        String drawing = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:shape><v:textbox><div>第一行<br>第二行</div>"
                + "</v:textbox></v:shape></xml>";

        assertThat(RosterFileCheck.inspect(HostileXlsx.withCommentDrawing(drawing)))
                .isEmpty();
        assertThat(read(HostileXlsx.withCommentDrawing(drawing.replace("<br>", "<br><!DOCTYPE x>")))
                        .problems())
                .extracting(RowProblem::code)
                .containsExactly("ROSTER_UNREADABLE");
        assertThat(read(HostileXlsx.withCommentDrawing(drawing.replace("<br>", "<br>" + "a".repeat(300_000))))
                        .problems())
                .extracting(RowProblem::messageKey)
                .containsExactly("ROSTER_CELL_TOO_LONG");
    }

    @Test
    void an_external_entity_is_never_fetched() throws IOException {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/entity";
            RosterCheck check = read(HostileXlsx.externalEntity(url));

            assertThat(check.problems()).extracting(RowProblem::code).containsExactly("ROSTER_UNREADABLE");
            assertThat(fetched).as("requests for the entity").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_number_of_a_billion_digits_is_a_row_problem_not_a_billion_digits() throws IOException {
        Measured measured = measure(() -> read(HostileXlsx.hugeNumber()));

        assertThat(measured.check.problems())
                .extracting(RowProblem::row, RowProblem::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(2, "ID_NUMBER_LENGTH"),
                        org.assertj.core.groups.Tuple.tuple(2, "DATE_INVALID"));
        assertThat(measured.allocated).isLessThan(ALLOCATION_BOUND);
    }

    /**
     * The limits leave room for the largest roster the reader takes: {@value RosterReader#MAX_ROWS}
     * rows of every column with distinct values, written by the export's own writer.
     */
    @Test
    void the_largest_roster_an_export_writes_passes_the_inspection() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafeWorkbook workbook = new SafeWorkbook(out);
        SafeWorkbook.Sheet sheet = workbook.sheet("花名册");
        RosterColumn[] columns = RosterColumn.values();
        for (int c = 0; c < columns.length; c++) {
            sheet.header(c, columns[c].header(), null);
        }
        for (int r = 1; r <= RosterReader.MAX_ROWS; r++) {
            String first17 = "110105" + (19500101 + r % 28) + String.format("%03d", r % 1000);
            sheet.text(r, 0, "张" + r);
            sheet.text(r, 1, first17 + IdNumbers.checkCharacter(first17));
            sheet.text(r, 2, r % 2 == 0 ? "男" : "女");
            sheet.text(r, 3, "1950-01-" + (1 + r % 28));
            sheet.text(r, 4, "138" + String.format("%08d", r));
            sheet.text(r, 5, "和平社区党委");
            sheet.text(r, 6, "和平社区第一网格");
            sheet.text(r, 7, "和平路" + r + "号" + (r % 30) + "单元" + (r % 700) + "室");
            sheet.text(r, 8, "在册");
            sheet.text(r, 9, "中共党员");
            sheet.text(r, 10, "1990-07-01");
            sheet.text(r, 11, "第一党支部");
            sheet.text(r, 12, "是");
            sheet.text(r, 13, "2020-03-05");
            sheet.text(r, 14, "急救、维修、书法" + r);
            sheet.text(r, 15, "独居老人、低保户");
            if (r % 10_000 == 0) {
                sheet.flush();
            }
        }
        workbook.finish();
        byte[] file = out.toByteArray();

        long start = System.nanoTime();
        long inflated = RosterFileCheck.inflatedSize(file);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(file.length).isLessThan(RosterReader.MAX_FILE_BYTES);
        assertThat(inflated).as("inflated").isLessThan(RosterFileCheck.MAX_UNCOMPRESSED / 2);
        System.out.printf(
                "largest roster: %d bytes, %d inflated, inspected in %d ms%n",
                file.length, inflated, elapsed.toMillis());
    }

    private static RosterCheck read(byte[] file) throws IOException {
        return new RosterReader(NAMES, TODAY, n -> {}).read(new ByteArrayInputStream(file));
    }

    private interface Reading {
        RosterCheck run() throws IOException;
    }

    private record Measured(RosterCheck check, Duration elapsed, long allocated) {}

    private static Measured measure(Reading reading) throws IOException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        RosterCheck check = reading.run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Measured(check, elapsed, threads.getCurrentThreadAllocatedBytes() - before);
    }
}
