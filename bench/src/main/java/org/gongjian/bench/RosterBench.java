package org.gongjian.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Random;
import java.util.stream.Stream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.roster.OrganizationNames;
import org.gongjian.roster.RosterCheck;
import org.gongjian.roster.RosterColumn;
import org.gongjian.roster.RosterReader;

/**
 * Reading and validating a roster of N rows (default 100,000) against the baseline of reading
 * every cell of the same file with fastexcel and doing nothing else.
 *
 * <p>Usage: {@code bench/run RosterBench [rows] [repetitions]}
 */
public final class RosterBench {

    private RosterBench() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] file = roster(rows);
        System.out.printf("roster: %,d rows, %,d bytes%n", rows, file.length);
        OrganizationNames names = (name, kinds) -> OrganizationNames.Resolution.found(name.hashCode() & 0xffff);
        LocalDate today = LocalDate.now();
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            long cells = readEveryCell(new ByteArrayInputStream(file));
            long t1 = System.nanoTime();
            RosterCheck check = new RosterReader(names, today, n -> {}).read(new ByteArrayInputStream(file));
            long t2 = System.nanoTime();
            if (check.validRows().size() != rows || check.hasProblems()) {
                throw new IllegalStateException("unexpected problems: "
                        + check.problems().stream().limit(5).toList());
            }
            System.out.printf(
                    "run %d: baseline (fastexcel, read %,d cells) %,d ms; RosterReader (read + validate %,d rows) %,d ms (%.2fx)%n",
                    i + 1, cells, (t1 - t0) / 1_000_000, rows, (t2 - t1) / 1_000_000, (double) (t2 - t1) / (t1 - t0));
        }
    }

    private static long readEveryCell(InputStream in) throws IOException {
        long cells = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(in);
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            for (Row row : (Iterable<Row>) stream::iterator) {
                for (int c = 0; c < row.getCellCount(); c++) {
                    if (row.getCellText(c) != null) {
                        cells++;
                    }
                }
            }
        }
        return cells;
    }

    /** A plausible roster: valid, unique ID numbers; phones; a few organizations; tags. */
    static byte[] roster(int rows) throws IOException {
        Random random = new Random(42);
        String[] surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"};
        String[] given = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "bench", "1.0");
        Worksheet sheet = workbook.newWorksheet("花名册");
        RosterColumn[] columns = {
            RosterColumn.NAME,
            RosterColumn.ID_NUMBER,
            RosterColumn.PHONE,
            RosterColumn.ORGANIZATION,
            RosterColumn.GRID,
            RosterColumn.PARTY_STATUS,
            RosterColumn.VOLUNTEER,
            RosterColumn.TAGS
        };
        for (int c = 0; c < columns.length; c++) {
            sheet.value(0, c, columns[c].header());
        }
        for (int r = 1; r <= rows; r++) {
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 65));
            String first17 = "110105" + birth.toString().replace("-", "") + String.format("%03d", r % 1000);
            // uniqueness: the sequence plus the date; collisions are re-drawn
            String id = first17 + IdNumbers.checkCharacter(first17);
            sheet.value(r, 0, surnames[random.nextInt(surnames.length)] + given[random.nextInt(given.length)]);
            sheet.value(r, 1, uniqueId(id, r));
            sheet.value(r, 2, "13" + String.format("%09d", random.nextInt(1_000_000_000)));
            sheet.value(r, 3, "社区" + (r % 5));
            sheet.value(r, 4, "网格" + (r % 20));
            sheet.value(r, 5, random.nextInt(5) == 0 ? "中共党员" : "群众");
            sheet.value(r, 6, random.nextBoolean() ? "是" : "否");
            sheet.value(r, 7, r % 7 == 0 ? "独居老人" : "");
        }
        workbook.finish();
        return out.toByteArray();
    }

    /**
     * A valid number unique per row (for fewer than 10 million rows): region 11xxxx from the row's
     * last four digits (Beijing, a province the members feature accepts), the birth date of {@code
     * base}, and the sequence from the row's higher digits.
     */
    private static String uniqueId(String base, int row) {
        String first17 = "11" + String.format("%04d", row % 10_000) + base.substring(6, 14)
                + String.format("%03d", (row / 10_000) % 1000);
        return first17 + IdNumbers.checkCharacter(first17);
    }
}
