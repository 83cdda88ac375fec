package org.gongjian.roster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.personaldata.PhoneNumbers;
import org.gongjian.spreadsheets.SafeWorkbook;

/**
 * Reads the first sheet of an .xlsx roster and checks every row. Streaming: memory grows with
 * the valid rows kept, not with the file. Not thread-safe; one instance per file.
 */
public final class RosterReader {

    /** More rows than any street office has; a larger file is refused before it is read. */
    public static final int MAX_ROWS = 200_000;

    /** The largest roster file accepted, in MB. */
    public static final int MAX_FILE_MB = 20;

    /** The largest roster file accepted, in bytes. */
    public static final int MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

    static final int MAX_NAME = 50;
    static final int MAX_ADDRESS = 200;
    static final int MAX_SKILLS = 500;
    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 32;

    private static final Pattern DATE =
            Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,，、;；\\s]+");

    private final OrganizationNames organizations;
    private final LocalDate today;
    private final IntConsumer progress;
    private final Map<String, OrganizationNames.Resolution> resolved = new HashMap<>();

    /**
     * @param progress told the number of rows read so far, every 1,000 rows and at the end
     */
    public RosterReader(OrganizationNames organizations, LocalDate today, IntConsumer progress) {
        this.organizations = organizations;
        this.today = today;
        this.progress = progress;
    }

    private static final Pattern DIMENSION = Pattern.compile("<dimension\\s+ref=\"[A-Z]+\\d+:[A-Z]+(\\d+)\"");

    /**
     * The data rows (after the header) the first worksheet of an .xlsx declares in its {@code
     * <dimension>} element, near the start of the sheet; -1 when it cannot tell. Reads only the
     * beginning of that entry, and no other entry (a zip bomb elsewhere is not inflated here).
     */
    static int declaredRows(byte[] xlsx) {
        return RosterFileCheck.start(xlsx, "xl/worksheets/sheet1.xml", 4096)
                .map(start -> DIMENSION.matcher(new String(start, StandardCharsets.UTF_8)))
                .filter(Matcher::find)
                .map(m -> parseRows(m.group(1)))
                .orElse(-1);
    }

    private static int parseRows(String lastRow) {
        try {
            return Math.max(0, Integer.parseInt(lastRow) - 1);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads and checks the roster. A file over {@value #MAX_FILE_BYTES} bytes, or one that {@link
     * RosterFileCheck} refuses (not an .xlsx, hostile, or too large inflated), is answered with one
     * file problem ({@code ROSTER_UNREADABLE} or {@code ROSTER_TOO_LARGE}, row 1) before any
     * spreadsheet parser sees it.
     */
    public RosterCheck read(InputStream xlsx) throws IOException {
        byte[] bytes = xlsx.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            return refused(fileTooLarge());
        }
        Optional<RowProblem> refusal = RosterFileCheck.inspect(bytes);
        if (refusal.isPresent()) {
            return refused(refusal.get());
        }
        try {
            return read(bytes);
        } catch (ExcelReaderException
                | UncheckedIOException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NumberFormatException e) {
            // Well-formed and bounded, but not a spreadsheet the reader understands (e.g. a bad cell type)
            return refused(RosterFileCheck.unreadable());
        }
    }

    /** The problem of a file over {@value #MAX_FILE_BYTES} bytes. */
    static RowProblem fileTooLarge() {
        return RosterFileCheck.tooLarge("ROSTER_FILE_TOO_LARGE", "文件超过 " + MAX_FILE_MB + " MB：请分成多个文件导入", MAX_FILE_MB);
    }

    private static RosterCheck refused(RowProblem problem) {
        return new RosterCheck(0, List.of(), List.of(problem));
    }

    private RosterCheck read(byte[] bytes) throws IOException {
        List<RosterRow> valid = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> idRows = new HashMap<>();
        int total = 0;
        ReadableWorkbook opened = open(new ByteArrayInputStream(bytes));
        if (opened == null) {
            return refused(RosterFileCheck.unreadable());
        }
        try (ReadableWorkbook workbook = opened;
                Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            Iterator<Row> iterator = rows.iterator();
            if (!iterator.hasNext()) {
                problems.add(new RowProblem(1, "", "ROSTER_EMPTY", "文件是空的：请使用下载的模板填写"));
                return new RosterCheck(0, valid, problems);
            }
            Map<RosterColumn, Integer> columns = header(iterator.next(), problems);
            if (!problems.isEmpty()) {
                return new RosterCheck(0, valid, problems);
            }
            while (iterator.hasNext()) {
                Row row = iterator.next();
                if (isBlank(row)) {
                    continue;
                }
                total++;
                if (total > MAX_ROWS) {
                    return refused(RosterFileCheck.tooManyRows());
                }
                new RowCheck(row, columns, problems).toRow().ifPresent(r -> {
                    Integer first = idRows.putIfAbsent(r.idNumber(), r.row());
                    if (first != null) {
                        problems.add(RowProblem.of(
                                r.row(),
                                RosterColumn.ID_NUMBER.header(),
                                "ID_NUMBER_DUPLICATE_IN_FILE",
                                "与第 " + first + " 行的身份证号重复",
                                first));
                    } else {
                        valid.add(r);
                    }
                });
                if (total % 1000 == 0) {
                    progress.accept(total);
                }
            }
        }
        progress.accept(total);
        return new RosterCheck(total, valid, problems);
    }

    /** The workbook, or null when the bytes are not an .xlsx file (an old .xls, a CSV, a photo). */
    private static ReadableWorkbook open(InputStream xlsx) {
        try {
            return new ReadableWorkbook(xlsx);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<RosterColumn, Integer> header(Row header, List<RowProblem> problems) {
        Map<RosterColumn, Integer> columns = new EnumMap<>(RosterColumn.class);
        for (Cell cell : header) {
            if (cell == null || cell.getType() == CellType.EMPTY) {
                continue;
            }
            String text = cell.getText().strip();
            for (RosterColumn column : RosterColumn.values()) {
                if (column.matches(text)) {
                    columns.putIfAbsent(column, cell.getColumnIndex());
                }
            }
        }
        for (RosterColumn column : RosterColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(RowProblem.of(
                        1,
                        column.header(),
                        "COLUMN_MISSING",
                        "缺少“" + column.header() + "”列：请使用下载的模板",
                        column.header()));
            }
        }
        return columns;
    }

    /**
     * Whether a number can be written out in full: {@code 1E999999999} would be a billion digits
     * (and its {@code longValue} a gigantic integer), so it is kept as the text it was written as.
     */
    static boolean plausible(BigDecimal number) {
        return number.precision() - number.scale() <= 40 && number.scale() <= 40;
    }

    private static boolean isBlank(Row row) {
        for (Cell cell : row) {
            if (cell != null
                    && cell.getType() != CellType.EMPTY
                    && !cell.getText().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The checks of one row; collects every problem of the row, not only the first. */
    private final class RowCheck {

        private final Row row;
        private final Map<RosterColumn, Integer> columns;
        private final List<RowProblem> problems;
        private boolean ok = true;
        private boolean idValid;

        RowCheck(Row row, Map<RosterColumn, Integer> columns, List<RowProblem> problems) {
            this.row = row;
            this.columns = columns;
            this.problems = problems;
        }

        Optional<RosterRow> toRow() {
            String name = required(RosterColumn.NAME);
            if (name != null) {
                name = name.strip();
                if (name.length() > MAX_NAME) {
                    problem(
                            RosterColumn.NAME,
                            "TEXT_TOO_LONG",
                            "姓名最多 " + MAX_NAME + " 个字",
                            RosterColumn.NAME.header(),
                            MAX_NAME);
                } else if (name.chars().anyMatch(Character::isISOControl)) {
                    problem(RosterColumn.NAME, "TEXT_INVALID", "姓名含有不可见字符", RosterColumn.NAME.header());
                }
            }
            String idNumber = idNumber();
            String gender = gender(idNumber);
            LocalDate birthDate = birthDate(idNumber);
            String phone = phone();
            Long organization = organization(RosterColumn.ORGANIZATION, "organization");
            Long grid = organization(RosterColumn.GRID, "grid");
            String address = limited(RosterColumn.ADDRESS, MAX_ADDRESS);
            String status = choice(RosterColumn.STATUS, STATUSES, "在册、迁出、去世", "ACTIVE");
            String partyStatus = choice(RosterColumn.PARTY_STATUS, PARTY_STATUSES, "中共党员、中共预备党员、入党积极分子、发展对象、群众", null);
            LocalDate partyJoinedOn = date(RosterColumn.PARTY_JOINED_ON);
            if (partyJoinedOn != null && partyStatus == null) {
                problem(RosterColumn.PARTY_JOINED_ON, "PARTY_DATE_WITHOUT_STATUS", "填写了入党日期，但政治面貌不是党员");
            }
            Long branch = organization(RosterColumn.BRANCH, "branch");
            String volunteerText = choice(RosterColumn.VOLUNTEER, YES_NO, "是、否", "NO");
            LocalDate volunteerSince = date(RosterColumn.VOLUNTEER_SINCE);
            String skills = limited(RosterColumn.SKILLS, MAX_SKILLS);
            List<String> tags = tags();
            if (!ok) {
                return Optional.empty();
            }
            return Optional.of(new RosterRow(
                    row.getRowNum(),
                    name,
                    idNumber,
                    gender,
                    birthDate,
                    phone,
                    organization,
                    grid,
                    address,
                    status,
                    partyStatus,
                    partyJoinedOn,
                    branch,
                    "YES".equals(volunteerText) || volunteerSince != null,
                    volunteerSince,
                    skills,
                    tags));
        }

        private String idNumber() {
            String raw = required(RosterColumn.ID_NUMBER);
            if (raw == null) {
                return null;
            }
            String normalized = IdNumbers.normalize(raw);
            idValid = IdNumbers.check(normalized, today).isEmpty();
            IdNumbers.check(normalized, today)
                    .ifPresent(p -> problem(
                            RosterColumn.ID_NUMBER,
                            "ID_NUMBER_" + p.name(),
                            switch (p) {
                                case LENGTH -> "身份证号应为 18 位，实际 " + normalized.length() + " 位";
                                case CHARACTERS -> "身份证号只能包含数字，最后一位可以是 X";
                                case REGION -> "身份证号开头的地区码无效";
                                case BIRTH_DATE -> "身份证号中的出生日期无效";
                                case CHECK_DIGIT ->
                                    "身份证号校验位错误（最后一位应为 " + IdNumbers.checkCharacter(normalized) + "），请核对";
                            },
                            switch (p) {
                                case LENGTH -> new Object[] {normalized.length()};
                                case CHECK_DIGIT -> new Object[] {IdNumbers.checkCharacter(normalized)};
                                default -> new Object[0];
                            }));
            return normalized;
        }

        private String gender(String idNumber) {
            String written = text(RosterColumn.GENDER);
            String fromId = idValid ? IdNumbers.gender(idNumber) : null;
            if (written == null) {
                return fromId;
            }
            String gender =
                    switch (written.strip()) {
                        case "男", "M", "m", "male", "Male", "MALE" -> "MALE";
                        case "女", "F", "f", "female", "Female", "FEMALE" -> "FEMALE";
                        default -> {
                            problemWithKey(
                                    RosterColumn.GENDER, "VALUE_NOT_ALLOWED", "GENDER_NOT_ALLOWED", "性别应为“男”或“女”");
                            yield null;
                        }
                    };
            if (gender != null && fromId != null && !gender.equals(fromId)) {
                problem(RosterColumn.GENDER, "GENDER_CONTRADICTS_ID_NUMBER", "性别与身份证号不符");
            }
            return gender;
        }

        private LocalDate birthDate(String idNumber) {
            LocalDate written = date(RosterColumn.BIRTH_DATE);
            LocalDate fromId = idValid ? IdNumbers.birthDate(idNumber).orElse(null) : null;
            if (written != null && fromId != null && !written.equals(fromId)) {
                problem(RosterColumn.BIRTH_DATE, "BIRTH_DATE_CONTRADICTS_ID_NUMBER", "出生日期与身份证号不符");
            }
            return written != null ? written : fromId;
        }

        private String phone() {
            String raw = text(RosterColumn.PHONE);
            if (raw == null) {
                return null;
            }
            String normalized = PhoneNumbers.normalize(raw);
            if (!PhoneNumbers.isValid(normalized)) {
                problem(RosterColumn.PHONE, "PHONE_INVALID", "手机号应为 11 位数字，以 1 开头");
                return null;
            }
            return normalized;
        }

        private Long organization(RosterColumn column, String kinds) {
            String name = column.required() ? required(column) : text(column);
            if (name == null) {
                return null;
            }
            OrganizationNames.Resolution resolution = resolved.computeIfAbsent(
                    kinds + "\u0000" + name.strip(), k -> organizations.resolve(name.strip(), kinds));
            if (resolution.problem() != null) {
                problemWithKey(
                        column,
                        "ORGANIZATION_UNKNOWN",
                        resolution.key(),
                        resolution.problem(),
                        resolution.args().toArray());
                return null;
            }
            return resolution.id();
        }

        private String choice(RosterColumn column, Map<String, String> allowed, String options, String fallback) {
            String value = text(column);
            if (value == null) {
                return fallback;
            }
            String mapped = allowed.get(value.strip());
            if (mapped == null) {
                problem(
                        column,
                        "VALUE_NOT_ALLOWED",
                        "“" + value.strip() + "”不是可选值，可选：" + options,
                        value.strip(),
                        options);
                return fallback;
            }
            return mapped.isEmpty() ? null : mapped;
        }

        private LocalDate date(RosterColumn column) {
            Integer index = columns.get(column);
            if (index == null || !row.hasCell(index)) {
                return null;
            }
            Cell cell = row.getCell(index);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            try {
                if (cell.getType() == CellType.NUMBER) {
                    BigDecimal serial = cell.asNumber();
                    if (!plausible(serial)) {
                        throw new DateTimeException("not a date");
                    }
                    if (serial.compareTo(BigDecimal.valueOf(100_000)) < 0) {
                        return LocalDate.of(1899, 12, 30).plusDays(serial.longValue());
                    }
                    return parse(serial.toPlainString(), column);
                }
                return parse(cell.getText(), column);
            } catch (DateTimeException e) {
                problem(column, "DATE_INVALID", "日期无效：" + cell.getText(), cell.getText());
                return null;
            }
        }

        private LocalDate parse(String text, RosterColumn column) {
            String value = text.strip();
            if (value.isEmpty()) {
                return null;
            }
            Matcher m = DATE.matcher(value);
            Matcher compact = COMPACT_DATE.matcher(value);
            LocalDate date;
            if (m.matches()) {
                date = LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } else if (compact.matches()) {
                date = LocalDate.of(
                        Integer.parseInt(compact.group(1)),
                        Integer.parseInt(compact.group(2)),
                        Integer.parseInt(compact.group(3)));
            } else {
                problem(column, "DATE_FORMAT", "日期格式应为 2024-03-01 或 2024年3月1日：" + value, value);
                return null;
            }
            if (date.isAfter(today)) {
                problem(column, "DATE_IN_FUTURE", "日期不能晚于今天：" + value, value);
                return null;
            }
            return date;
        }

        private List<String> tags() {
            String value = text(RosterColumn.TAGS);
            if (value == null) {
                return List.of();
            }
            List<String> tags = Arrays.stream(TAG_SEPARATORS.split(value.strip()))
                    .filter(t -> !t.isBlank())
                    .distinct()
                    .toList();
            if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > MAX_TAG)) {
                problem(
                        RosterColumn.TAGS,
                        "TAGS_INVALID",
                        "最多 " + MAX_TAGS + " 个标签，每个不超过 " + MAX_TAG + " 个字",
                        MAX_TAGS,
                        MAX_TAG);
                return List.of();
            }
            return tags;
        }

        private String limited(RosterColumn column, int max) {
            String value = text(column);
            if (value != null && value.strip().length() > max) {
                problem(column, "TEXT_TOO_LONG", column.header() + "最多 " + max + " 个字", column.header(), max);
                return null;
            }
            return value == null ? null : value.strip();
        }

        private String required(RosterColumn column) {
            String value = text(column);
            if (value == null) {
                problem(column, "REQUIRED", column.header() + "不能为空", column.header());
            }
            return value;
        }

        /**
         * The cell's text, or null when the column is absent or the cell empty; a text an export
         * neutralised ({@code '=...}) is read as it was before.
         */
        private String text(RosterColumn column) {
            Integer index = columns.get(column);
            if (index == null || !row.hasCell(index)) {
                return null;
            }
            Cell cell = row.getCell(index);
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            String text = cell.getType() != CellType.NUMBER
                    ? SafeWorkbook.restored(cell.getText())
                    : plausible(cell.asNumber()) ? cell.asNumber().toPlainString() : cell.getRawValue();
            return text == null || text.isBlank() ? null : text;
        }

        private void problem(RosterColumn column, String code, String message, Object... args) {
            problemWithKey(column, code, code, message, args);
        }

        private void problemWithKey(RosterColumn column, String code, String key, String message, Object... args) {
            ok = false;
            problems.add(
                    new RowProblem(row.getRowNum(), column.header(), code, message, key, RowProblem.strings(args)));
        }
    }

    static final Map<String, String> STATUSES = Map.of(
            "在册",
            "ACTIVE",
            "正常",
            "ACTIVE",
            "迁出",
            "MOVED_OUT",
            "已迁出",
            "MOVED_OUT",
            "去世",
            "DECEASED",
            "已故",
            "DECEASED",
            "ACTIVE",
            "ACTIVE",
            "MOVED_OUT",
            "MOVED_OUT",
            "DECEASED",
            "DECEASED");

    static final Map<String, String> PARTY_STATUSES = Map.ofEntries(
            Map.entry("中共党员", "FULL"),
            Map.entry("正式党员", "FULL"),
            Map.entry("中共预备党员", "PROBATIONARY"),
            Map.entry("预备党员", "PROBATIONARY"),
            Map.entry("入党积极分子", "ACTIVIST"),
            Map.entry("发展对象", "CANDIDATE"),
            Map.entry("群众", ""),
            Map.entry("FULL", "FULL"),
            Map.entry("PROBATIONARY", "PROBATIONARY"),
            Map.entry("ACTIVIST", "ACTIVIST"),
            Map.entry("CANDIDATE", "CANDIDATE"));

    static final Map<String, String> YES_NO =
            Map.of("是", "YES", "否", "NO", "YES", "YES", "NO", "NO", "Y", "YES", "N", "NO");
}
