package org.gongjian.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.personaldata.IdNumbers;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Roster import and export over real HTTP with real users and grants: a street with communities A
 * and B (each with a grid and a branch), an administrator and a staff member of A, an administrator
 * of B.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RosterApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a-long-password-1";
    private static final AtomicInteger SEQUENCE = new AtomicInteger(200);
    private static final String[] HEADER = {"姓名", "身份证号", "手机号", "所属组织", "所属网格", "政治面貌", "所在党支部", "标签"};

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource dataSource;

    Organization a;
    Organization b;
    String adminA;
    String staffA;
    String adminB;

    @BeforeAll
    void a_street_with_two_communities() throws Exception {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "花名册街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "花园社区");
        organizations.createChild(a, OrganizationKind.GRID, "花园第一网格");
        organizations.createChild(a, OrganizationKind.BRANCH, "花园第一支部");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "果园社区");
        organizations.createChild(b, OrganizationKind.GRID, "果园第一网格");
        adminA = user("roster-admin-a", Role.ORG_ADMIN, a);
        staffA = user("roster-staff-a", Role.ORG_STAFF, a);
        adminB = user("roster-admin-b", Role.ORG_ADMIN, b);
    }

    @Test
    void mixed_good_and_bad_rows_are_each_reported_and_nothing_is_stored() throws Exception {
        String good = idNumber();
        String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
        byte[] file = roster(
                new String[] {"张好人", good, "13800001111", "花园社区", "花园第一网格", "中共党员", "花园第一支部", "独居老人"},
                new String[] {"李错号", badCheck, "", "花园社区", "", "", "", ""},
                new String[] {"王无名", idNumber(), "", "不存在社区", "", "", "", ""},
                new String[] {"赵越界", idNumber(), "", "果园社区", "", "", "", ""},
                new String[] {"钱电话", idNumber(), "12345", "花园社区", "果园第一网格", "", "", ""});
        long before = count("SELECT COUNT(*) FROM member");

        HttpResponse<String> preview = upload("/api/members/import", adminA, file);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        Map<String, Object> report = object(preview);
        assertThat(report.get("totalRows")).isEqualTo(5);
        assertThat(report.get("validRows")).isEqualTo(1);
        assertThat(report.get("invalidRows")).isEqualTo(4);
        assertThat(report.get("imported")).isNull();
        List<String> problems = problems(report);
        assertThat(problems)
                .contains(
                        "3 身份证号 ID_NUMBER_CHECK_DIGIT",
                        "4 所属组织 ORGANIZATION_UNKNOWN 系统中没有名为“不存在社区”的组织",
                        "5 所属组织 ORGANIZATION_UNKNOWN 系统中没有名为“果园社区”的组织",
                        "6 手机号 PHONE_INVALID",
                        "6 所属网格 ORGANIZATION_UNKNOWN 系统中没有名为“果园第一网格”的组织");

        HttpResponse<String> refused = upload("/api/members/import?commit=true", adminA, file);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(object(refused).get("code")).isEqualTo("ROSTER_HAS_PROBLEMS");
        assertThat(problems(object(refused))).hasSize(problems.size());
        assertThat(count("SELECT COUNT(*) FROM member")).isEqualTo(before);
    }

    @Test
    void valid_only_stores_the_good_rows_with_tags_and_one_audit_row() throws Exception {
        String good1 = idNumber();
        String good2 = idNumber();
        byte[] file = roster(
                new String[] {"孙一", good1, "13800002222", "花园社区", "花园第一网格", "中共党员", "花园第一支部", "独居老人、低保户"},
                new String[] {"孙二", good2, "", "花园社区", "", "", "", ""},
                new String[] {"孙错", "123", "", "花园社区", "", "", "", ""});
        long audits = count("SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_IMPORTED'");

        HttpResponse<String> imported = upload("/api/members/import?commit=true&validOnly=true", adminA, file);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(object(imported).get("imported")).isEqualTo(Map.of("created", 2, "updated", 0));
        assertThat(count("SELECT COUNT(*) FROM member WHERE name IN ('孙一', '孙二', '孙错')"))
                .isEqualTo(2);
        assertThat(count(
                        "SELECT COUNT(*) FROM member WHERE name = '孙一' AND name_pinyin = 'sunyi'"
                                + " AND org_path = ? AND id_number_enc IS NOT NULL AND phone_last4 = '2222'"
                                + " AND party_status = 'FULL'",
                        a.path()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM member_tag t JOIN member m ON m.id = t.member_id WHERE m.name = '孙一'"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_IMPORTED'"))
                .isEqualTo(audits + 1);
        assertThat(count(
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_IMPORTED' AND detail LIKE ?",
                        "created 2, updated 0, skipped 1%"))
                .isEqualTo(1);
    }

    @Test
    void importing_the_same_roster_again_updates_and_never_duplicates() throws Exception {
        String id = idNumber();
        HttpResponse<String> first = upload(
                "/api/members/import?commit=true", adminA, roster(new String[] {"周旧名", id, "", "花园社区", "", "", "", "甲"
                }));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        long members = count("SELECT COUNT(*) FROM member");

        HttpResponse<String> again = upload("/api/members/import?commit=true", adminA, roster(new String[] {
            "周新名", id, "13800003333", "花园社区", "", "", "", "乙"
        }));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(object(again).get("imported")).isEqualTo(Map.of("created", 0, "updated", 1));
        assertThat(count("SELECT COUNT(*) FROM member")).isEqualTo(members);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM member WHERE name = '周新名' AND version = 1 AND name_pinyin = 'zhouxinming'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM member WHERE name = '周旧名'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM member_tag t JOIN member m ON m.id = t.member_id"
                        + " WHERE m.name = '周新名' AND t.tag = '乙'"))
                .isEqualTo(1);
    }

    @Test
    void an_id_number_recorded_in_another_community_is_reported_and_left_alone() throws Exception {
        String id = idNumber();
        assertThat(upload("/api/members/import?commit=true", adminB, roster(new String[] {
                            "吴乙方", id, "", "果园社区", "", "", "", ""
                        }))
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> answer =
                upload("/api/members/import?commit=true&validOnly=true", adminA, roster(new String[] {
                    "吴甲方", id, "", "花园社区", "", "", "", ""
                }));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(problems(object(answer)))
                .containsExactly("2 身份证号 ID_NUMBER_IN_OTHER_ORGANIZATION 该身份证号已登记在其他组织，不能由您导入或修改");
        assertThat(object(answer).get("imported")).isEqualTo(Map.of("created", 0, "updated", 0));
        assertThat(count("SELECT COUNT(*) FROM member WHERE name = '吴乙方' AND org_path = ?", b.path()))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM member WHERE name = '吴甲方'")).isZero();
    }

    @Test
    void export_is_masked_by_default_unmasked_only_for_an_administrator_and_always_audited() throws Exception {
        String id = idNumber();
        assertThat(upload("/api/members/import?commit=true", adminA, roster(new String[] {
                            "郑导出", id, "13800004444", "花园社区", "花园第一网格", "", "", "楼长"
                        }))
                        .statusCode())
                .isEqualTo(200);
        long audits = count("SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_EXPORTED'");

        HttpResponse<byte[]> masked = download("/api/members/export?q=" + enc("郑导出"), staffA);
        assertThat(masked.statusCode()).isEqualTo(200);
        List<List<String>> rows = rows(masked.body());
        assertThat(rows.getFirst()).startsWith("姓名", "身份证号", "性别", "出生日期", "手机号", "所属组织", "所属网格");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).startsWith("郑导出", id.substring(0, 3) + "***********" + id.substring(14));
        assertThat(rows.get(1).get(4)).isEqualTo("138****4444");
        assertThat(rows.get(1).get(5)).isEqualTo("花园社区");
        assertThat(rows.get(1).get(6)).isEqualTo("花园第一网格");

        HttpResponse<String> refused =
                send(request("/api/members/export?unmask=true", staffA).GET());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(object(refused).get("code")).isEqualTo("UNMASK_NOT_ALLOWED");

        HttpResponse<byte[]> clear = download("/api/members/export?unmask=true&q=" + enc("郑导出"), adminA);
        assertThat(clear.statusCode()).isEqualTo(200);
        assertThat(rows(clear.body()).get(1)).startsWith("郑导出", id);
        assertThat(rows(clear.body()).get(1).get(4)).isEqualTo("13800004444");

        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_EXPORTED'"))
                .isEqualTo(audits + 2);
        assertThat(
                        count(
                                "SELECT COUNT(*) FROM audit_log WHERE action = 'ROSTER_EXPORTED' AND detail = 'exported 1 members, unmasked'"))
                .isEqualTo(1);
        HttpResponse<String> outside =
                send(request("/api/members/export?org=" + b.id(), adminA).GET());
        assertThat(outside.statusCode()).isEqualTo(404);
    }

    @Test
    void the_template_downloads_as_an_attachment_and_reads_back_cleanly() throws Exception {
        HttpResponse<byte[]> template = download("/api/members/import/template", staffA);

        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment;")
                .contains("filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C%E6%A8%A1%E6%9D%BF.xlsx");
        RosterCheck check = new RosterReader(
                        (name, kinds) -> OrganizationNames.Resolution.found(1), LocalDate.now(), n -> {})
                .read(new ByteArrayInputStream(template.body()));
        assertThat(check.problems()).isEmpty();
        assertThat(check.totalRows()).isZero();
    }

    @Test
    void a_file_that_is_not_xlsx_is_unreadable() throws Exception {
        HttpResponse<String> answer =
                upload("/api/members/import", adminA, "姓名,身份证号\n张三,1".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(object(answer).get("code")).isEqualTo("ROSTER_UNREADABLE");
    }

    @Test
    void a_file_over_20_mb_is_refused_before_it_is_read() throws Exception {
        HttpResponse<String> answer = upload("/api/members/import", adminA, new byte[21 * 1024 * 1024]);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(object(answer).get("code")).isEqualTo("ROSTER_TOO_LARGE");
        assertThat((List<?>) object(answer).get("problems"))
                .singleElement()
                .extracting(p -> ((Map<?, ?>) p).get("messageKey"))
                .isEqualTo("ROSTER_FILE_TOO_LARGE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.gongjian.roster.HostileRosterTest#hostileFiles")
    void a_hostile_file_is_answered_400_or_413_with_its_code_quickly(
            String name, Supplier<byte[]> hostile, String code, String key) throws Exception {
        byte[] file = hostile.get();
        long before = count("SELECT COUNT(*) FROM member");
        long start = System.nanoTime();

        HttpResponse<String> answer = upload("/api/members/import?commit=true&validOnly=true", adminA, file);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(code.equals("ROSTER_TOO_LARGE") ? 413 : 400);
        Map<String, Object> report = object(answer);
        assertThat(report.get("code")).isEqualTo(code);
        assertThat(report.get("imported")).isNull();
        assertThat(elapsed).as("elapsed").isLessThan(Duration.ofSeconds(10));
        assertThat(count("SELECT COUNT(*) FROM member")).isEqualTo(before);
    }

    @Test
    void volunteers_and_staff_are_refused_before_their_upload_is_read() throws Exception {
        String volunteer = user("roster-volunteer-a", Role.VOLUNTEER, a);
        byte[] hostile = HostileXlsx.understated(HostileXlsx.hugeCell(1_500_000_000L), "xl/sharedStrings.xml");
        String denied =
                "SELECT COUNT(*) FROM audit_log WHERE action = 'ACCESS_DENIED' AND detail = 'POST /api/members/import'";
        long denials = count(denied);

        for (String token : List.of(volunteer, staffA)) {
            // The server answers without reading the body: with 100-continue the client does not send it either
            HttpResponse<String> answer =
                    send(multipart("/api/members/import", token, hostile).expectContinue(true));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(object(answer).get("code")).isEqualTo("FORBIDDEN");
        }
        assertThat(count(denied))
                .as("refused by the route's roles, before the controller binds the upload")
                .isEqualTo(denials + 2);
    }

    @Test
    void texts_that_look_like_formulas_are_exported_inert_and_import_back_unchanged() throws Exception {
        List<String> names = List.of("=HYPERLINK(\"http://evil.example/\",\"点我\")", "+1 王五", "@SUM(A1:A9)", "-1+2 赵六");
        String[][] rows = names.stream()
                .map(n -> new String[] {n, idNumber(), "", "花园社区", "", "", "", "=1+1"})
                .toArray(String[][]::new);
        HttpResponse<String> imported = upload("/api/members/import?commit=true", adminA, roster(rows));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

        HttpResponse<byte[]> export = download("/api/members/export?unmask=true&org=" + a.id(), adminA);

        assertThat(export.statusCode()).isEqualTo(200);
        List<List<String>> cells = rows(export.body());
        for (String name : names) {
            assertThat(cells).anySatisfy(row -> {
                assertThat(row.get(RosterColumn.NAME.ordinal())).isEqualTo("'" + name);
                assertThat(row.get(RosterColumn.TAGS.ordinal())).isEqualTo("'=1+1");
            });
        }
        assertThat(formulas(export.body())).as("formula cells").isZero();

        HttpResponse<String> again = upload("/api/members/import?commit=true&validOnly=true", adminA, export.body());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        for (String name : names) {
            assertThat(count("SELECT COUNT(*) FROM member WHERE name = ?", name))
                    .as("%s stored once, as typed", name)
                    .isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM member WHERE name LIKE ?", "'%")).isZero();
    }

    // helpers

    private static String idNumber() {
        int sequence = SEQUENCE.incrementAndGet();
        String first17 = "110105" + (19700101 + sequence % 28) + String.format("%03d", sequence % 1000);
        return first17 + IdNumbers.checkCharacter(first17);
    }

    /** A roster of the columns 姓名, 身份证号, 手机号, 所属组织, 所属网格, 政治面貌, 所在党支部, 标签 (empty cells left out). */
    static byte[] roster(String[]... rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("花名册");
        for (int c = 0; c < HEADER.length; c++) {
            sheet.value(0, c, HEADER[c]);
        }
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                if (!rows[r][c].isEmpty()) {
                    sheet.value(r + 1, c, rows[r][c]);
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    private static long formulas(byte[] xlsx) throws Exception {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            return stream.flatMap(row -> row.stream())
                    .filter(cell -> cell != null && (cell.getType() == CellType.FORMULA || cell.getFormula() != null))
                    .count();
        }
    }

    private static List<List<String>> rows(byte[] xlsx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            stream.forEach(row -> {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < RosterColumn.values().length; c++) {
                    String text = row.getCellText(c);
                    cells.add(text == null ? "" : text);
                }
                rows.add(cells);
            });
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static List<String> problems(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("problems"))
                .stream()
                        .map(p -> p.get("row") + " " + p.get("column") + " " + p.get("code")
                                + (((String) p.get("code")).startsWith("ORGANIZATION")
                                                || ((String) p.get("code")).startsWith("ID_NUMBER_IN")
                                        ? " " + p.get("message")
                                        : ""))
                        .toList();
    }

    private HttpResponse<String> upload(String path, String token, byte[] file) throws Exception {
        return send(multipart(path, token, file));
    }

    private HttpRequest.Builder multipart(String path, String token, byte[] file) throws Exception {
        String boundary = "----roster" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.xlsx\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> object(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String user(String username, Role role, Organization org) throws Exception {
        long userId = accounts.createUser(username, PASSWORD, false, Set.of()).id();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO role_grant (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, ids.next());
            s.setLong(2, userId);
            s.setString(3, role.name());
            s.setLong(4, org.id());
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        HttpResponse<String> response = send(request("/api/auth/token", null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }
}
