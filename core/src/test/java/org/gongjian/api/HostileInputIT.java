package org.gongjian.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.HouseholdPlacement;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Hostile and careless bodies sent by an authorized administrator to every endpoint that writes
 * points, hours, members or settings. The corpus is generated from one table (an endpoint, a valid
 * body, its required fields): every number gets floats, strings, booleans, arrays, exponents and
 * out-of-range values; every text a number, a boolean, a list and an object; every flag a number
 * and a string; every date an impossible one; every required field goes missing or null; unknown,
 * misspelled and repeated fields; bodies that are not JSON or nest too deep. Each answer is a 400
 * with the expected stable code, names no internal class, logs one line without a stack trace, and
 * nothing in the database changes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT extends LedgerReconciles {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Fields bound to {@code int}: 2^31 is out of their range. */
    private static final Set<String> INT_FIELDS = Set.of("unitScale", "starHours", "spendingMinAge", "version");

    private static final Set<String> DATE_FIELDS = Set.of("birthDate", "validFrom");

    private static final List<String> TABLES = List.of(
            "organization",
            "member",
            "household",
            "ledger_asset",
            "ledger_request",
            "ledger_transfer",
            "ledger_entry",
            "domain_event",
            "points_rule",
            "points_adjustment",
            "points_settings",
            "time_bank_policy",
            "audit_log");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Households households;

    @Inject
    UserAdmin userAdmin;

    @Inject
    DataSource dataSource;

    Api api;
    Organization street;
    Organization community;
    String admin;
    long member;
    long household;
    long kind;
    long issuance;
    long memberAccount;

    /** One endpoint that reads a JSON body: a valid body and its required top-level fields. */
    record Endpoint(String method, String path, boolean idempotent, Map<String, Object> body, List<String> required) {}

    /** One hostile request and the code it must be answered with. */
    record Case(Endpoint endpoint, String what, String body, String code) {}

    @BeforeAll
    void a_community_with_a_member_a_household_a_point_kind_and_accounts() {
        api = new Api(server, json);
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "敌意街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, "敌意社区");
        admin = new TestUsers(userAdmin, api).token("hostile-admin", Role.ORG_ADMIN, street, null);
        member = members.create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(community.id())
                                .name("林敌意")
                                .birthDate(LocalDate.of(1990, 5, 1))
                                .build())
                .id();
        household = households.create(Caller.system(), community.id(), "敌意路1号").id();
        households.setMembers(Caller.system(), household, List.of(new HouseholdPlacement(member, "HEAD")));
        HttpResponse<String> created = api.post(
                "/api/points/kinds",
                admin,
                Map.of("organizationId", community.id(), "code", "HOSTILE", "name", "敌意积分", "unitScale", 10));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        kind = number(api.object(created).get("id"));
        issuance = account(api.get("/api/orgs/" + community.id() + "/accounts", admin), "ISSUANCE");
        memberAccount = account(api.get("/api/members/" + member + "/accounts", admin), "MEMBER");
    }

    private long account(HttpResponse<String> accounts, String ownerType) {
        assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
        return api.list(accounts).stream()
                .filter(a -> ownerType.equals(a.get("ownerType")) && "TIME".equals(a.get("assetType")))
                .map(a -> number(a.get("id")))
                .findFirst()
                .orElseThrow();
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }

    private List<Endpoint> endpoints() {
        long org = community.id();
        return List.of(
                new Endpoint(
                        "POST",
                        "/api/ledger/transfers",
                        true,
                        body(
                                "organizationId",
                                org,
                                "transfers",
                                List.of(body(
                                        "debitAccountId",
                                        issuance,
                                        "creditAccountId",
                                        memberAccount,
                                        "amount",
                                        60,
                                        "reasonCode",
                                        "SERVICE",
                                        "category",
                                        "VOLUNTEER"))),
                        List.of("organizationId")),
                new Endpoint(
                        "POST",
                        "/api/points/adjustments",
                        true,
                        body("memberId", member, "assetId", kind, "amount", 5, "memo", "表扬", "category", "MANUAL"),
                        List.of("memberId", "assetId", "amount")),
                new Endpoint(
                        "POST",
                        "/api/timebank/deposits",
                        true,
                        body("memberId", member, "minutes", 60, "reason", "陪护", "evidence", "签到表"),
                        List.of()),
                new Endpoint(
                        "PUT",
                        "/api/timebank/policies/" + org,
                        false,
                        body(
                                "spendingMinAge",
                                60,
                                "storageCapMinutes",
                                90000,
                                "giftsAllowed",
                                true,
                                "donationsAllowed",
                                true),
                        List.of()),
                new Endpoint(
                        "PUT",
                        "/api/orgs/" + org + "/points-settings",
                        false,
                        body("approvalThreshold", 50, "starHours", List.of(100, 300, 600, 1000, 1500)),
                        List.of("approvalThreshold")),
                new Endpoint(
                        "POST",
                        "/api/points/kinds",
                        false,
                        body("organizationId", org, "code", "OTHER", "name", "其他积分", "unitScale", 10),
                        List.of("organizationId")),
                new Endpoint(
                        "POST",
                        "/api/points/rules",
                        false,
                        body(
                                "assetId",
                                kind,
                                "organizationId",
                                org,
                                "name",
                                "申报",
                                "eventType",
                                "SELF_DECLARATION_APPROVED",
                                "formula",
                                "FIXED",
                                "points",
                                10,
                                "capDay",
                                100,
                                "validFrom",
                                "2026-01-01"),
                        List.of("assetId", "organizationId", "name", "eventType", "formula", "points")),
                new Endpoint(
                        "POST",
                        "/api/points/events",
                        false,
                        body("type", "SELF_DECLARATION_APPROVED", "memberId", member, "quantity", 1),
                        List.of("memberId")),
                new Endpoint(
                        "POST",
                        "/api/timebank/gifts",
                        true,
                        body("fromMemberId", member, "toMemberId", member, "minutes", 30, "memo", "赠"),
                        List.of()),
                new Endpoint(
                        "POST",
                        "/api/timebank/pool-grants",
                        true,
                        body("organizationId", org, "memberId", member, "minutes", 30, "reason", "困难"),
                        List.of()),
                new Endpoint("POST", "/api/points/approvals/1/approve", false, body("note", "同意"), List.of()),
                new Endpoint(
                        "POST",
                        "/api/members/" + member + "/transfer",
                        false,
                        body("toOrgId", street.id(), "reason", "搬家"),
                        List.of()),
                new Endpoint(
                        "POST",
                        "/api/users",
                        false,
                        body("username", "someone", "memberId", member, "role", "VOLUNTEER", "organizationId", org),
                        List.of()),
                new Endpoint(
                        "POST", "/api/households", false, body("organizationId", org, "address", "敌意路2号"), List.of()),
                new Endpoint(
                        "PUT",
                        "/api/households/" + household + "/members",
                        false,
                        body("members", List.of(body("memberId", member, "relation", "HEAD"))),
                        List.of("members")),
                new Endpoint(
                        "POST",
                        "/api/members",
                        false,
                        body(
                                "organizationId",
                                org,
                                "name",
                                "新居民",
                                "birthDate",
                                "1980-01-01",
                                "volunteer",
                                true,
                                "version",
                                0),
                        List.of()));
    }

    private Endpoint endpoint(String path) {
        return endpoints().stream()
                .filter(e -> e.path().equals(path))
                .findFirst()
                .orElseThrow();
    }

    /** An ordered JSON object from key-value pairs. */
    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static final List<String> RAW = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** JSON text written as is, e.g. {@code 1e3}, which a serializer would not write. */
    private static String raw(String json) {
        RAW.add(json);
        return "@@RAW@@" + (RAW.size() - 1) + "@@";
    }

    private String write(Object body) {
        try {
            return java.util.regex.Pattern.compile("\"@@RAW@@(\\d+)@@\"")
                    .matcher(json.writeValueAsString(body))
                    .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(RAW.get(Integer.parseInt(m.group(1)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            mutations(e, "", e.body(), v -> v, cases);
            cases.add(new Case(e, "an unknown field", write(with(e.body(), "bogus", 1)), ErrorCodes.UNKNOWN_FIELD));
            String first = e.body().keySet().iterator().next();
            Map<String, Object> misspelled = new LinkedHashMap<>(e.body());
            misspelled.put(first.substring(0, first.length() - 1) + "X", misspelled.remove(first));
            cases.add(new Case(e, "a misspelled " + first, write(misspelled), ErrorCodes.UNKNOWN_FIELD));
            String text = write(e.body());
            cases.add(new Case(
                    e,
                    "a field sent twice",
                    text.substring(0, text.length() - 1) + ",\"" + first + "\":"
                            + write(e.body().get(first)) + "}",
                    ErrorCodes.DUPLICATE_FIELD));
            for (String field : e.required()) {
                Map<String, Object> missing = new LinkedHashMap<>(e.body());
                missing.remove(field);
                cases.add(new Case(e, "no " + field, write(missing), ErrorCodes.MISSING_FIELD));
                cases.add(new Case(e, "null " + field, write(with(e.body(), field, null)), ErrorCodes.MISSING_FIELD));
            }
            if (!e.required().isEmpty()) {
                cases.add(new Case(e, "an empty object", "{}", ErrorCodes.MISSING_FIELD));
            }
            for (String notJson :
                    List.of("", "{", text.replaceAll("}$", ",}"), "not json", "[]", "5", "\"text\"", "{\"a\" 1}")) {
                cases.add(new Case(e, "the body " + abbreviate(notJson), notJson, ErrorCodes.MALFORMED_REQUEST));
            }
            e.body().entrySet().stream()
                    .filter(f -> !(f.getValue() instanceof List<?>) && !(f.getValue() instanceof Map<?, ?>))
                    .findFirst()
                    .ifPresent(f -> cases.add(new Case(
                            e,
                            f.getKey() + " nested 40 deep",
                            write(with(e.body(), f.getKey(), raw("[".repeat(40) + "]".repeat(40)))),
                            ErrorCodes.NESTING_TOO_DEEP)));
        }
        return cases;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        m.put(field, value);
        return m;
    }

    /**
     * Every wrong value for every field of {@code value} (at {@code path}), each placed back in the
     * whole body by {@code place}.
     */
    @SuppressWarnings("unchecked")
    private void mutations(Endpoint e, String path, Object value, UnaryOperator<Object> place, List<Case> cases) {
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        String leaf = field.replaceAll("\\[0]$", "");
        if (value instanceof Map<?, ?> map) {
            for (String key : ((Map<String, Object>) map).keySet()) {
                mutations(
                        e,
                        path.isEmpty() ? key : path + "." + key,
                        map.get(key),
                        v -> place.apply(with((Map<String, Object>) map, key, v)),
                        cases);
            }
            if (!path.isEmpty()) {
                cases.add(new Case(e, path + " a number", write(place.apply(5)), ErrorCodes.MALFORMED_REQUEST));
            }
        } else if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            mutations(
                    e,
                    path + "[0]",
                    copy.getFirst(),
                    v -> {
                        List<Object> changed = new ArrayList<>(copy);
                        changed.set(0, v);
                        return place.apply(changed);
                    },
                    cases);
            cases.add(new Case(e, path + " a text", write(place.apply("x")), ErrorCodes.MALFORMED_REQUEST));
        } else if (value instanceof Number) {
            List<String> wrong = new ArrayList<>(List.of(
                    "1.5",
                    "1.0",
                    "1e3",
                    "-0.5",
                    "\"5\"",
                    "true",
                    "[5]",
                    "{\"value\":5}",
                    "9223372036854775808",
                    "-9223372036854775809",
                    "1" + "0".repeat(400)));
            if (INT_FIELDS.contains(leaf)) {
                wrong.add("2147483648");
            }
            for (String w : wrong) {
                cases.add(new Case(
                        e, path + " = " + abbreviate(w), write(place.apply(raw(w))), ErrorCodes.INVALID_NUMBER));
            }
        } else if (value instanceof Boolean) {
            for (String w : List.of("1", "0", "\"true\"", "\"yes\"", "[true]")) {
                cases.add(new Case(e, path + " = " + w, write(place.apply(raw(w))), ErrorCodes.INVALID_BOOLEAN));
            }
        } else if (value instanceof String && DATE_FIELDS.contains(leaf)) {
            for (String w : List.of("\"2024-02-30\"", "\"1990/01/01\"", "19900101", "\"\"", "[\"1990-01-01\"]")) {
                cases.add(new Case(e, path + " = " + w, write(place.apply(raw(w))), ErrorCodes.INVALID_DATE));
            }
        } else if (value instanceof String) {
            for (String w : List.of("12345", "true", "[\"x\"]", "{\"text\":\"x\"}", "1.5")) {
                cases.add(new Case(e, path + " = " + w, write(place.apply(raw(w))), ErrorCodes.INVALID_TEXT));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 24 ? s.substring(0, 20) + "…(" + s.length() + ")" : s;
    }

    private HttpResponse<String> send(Endpoint e, String body, List<String> keys) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + e.path()))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .method(e.method(), HttpRequest.BodyPublishers.ofString(body));
        keys.forEach(k -> request.header(Idempotency.KEY, k));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> oneKey(Endpoint e) {
        return e.idempotent() ? List.of(UUID.randomUUID().toString()) : List.of();
    }

    @Test
    void every_hostile_body_is_a_400_with_its_code_logs_one_line_and_changes_nothing() throws Exception {
        List<Case> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThan(300);
        Map<String, String> before = fingerprint();
        ListAppender<ILoggingEvent> log = capture();
        List<String> wrong = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        try {
            for (Case c : corpus) {
                HttpResponse<String> answer = send(c.endpoint(), c.body(), oneKey(c.endpoint()));
                String code = answer.statusCode() == 400
                        ? String.valueOf(api.object(answer).get("code"))
                        : "";
                if (answer.statusCode() != 400 || !c.code().equals(code)) {
                    wrong.add(c.endpoint().path() + " with " + c.what() + ": expected 400 " + c.code() + ", got "
                            + answer.statusCode() + " " + answer.body());
                }
                if (leaksInternals(answer.body())) {
                    leaks.add(c.endpoint().path() + " with " + c.what() + ": " + answer.body());
                }
            }
        } finally {
            release(log);
        }

        java.nio.file.Files.write(java.nio.file.Path.of("target/hostile-wrong.txt"), wrong);
        assertThat(wrong).as("answers that are not the expected 400").isEmpty();
        assertThat(leaks).as("bodies that name internals").isEmpty();
        assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null))
                .as("log events with a stack trace")
                .isEmpty();
        assertThat(log.list.stream()
                        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(ILoggingEvent::getFormattedMessage))
                .as("warnings and errors")
                .isEmpty();
        assertThat(log.list.stream()
                        .filter(e -> e.getLoggerName().equals(ApiErrorResponses.class.getName()))
                        .count())
                .as("one line per refused request")
                .isEqualTo(corpus.size());
        assertThat(fingerprint()).isEqualTo(before);
    }

    private static boolean leaksInternals(String body) {
        return body.contains("org.gongjian")
                || body.contains("io.micronaut")
                || body.contains("Exception")
                || body.contains("Failed to convert")
                || body.contains("jackson")
                || body.contains("Unable to")
                || body.contains("$");
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }

    /** A checksum of every table a write could touch. */
    private Map<String, String> fingerprint() throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement s = c.prepareStatement("CHECKSUM TABLE " + table);
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    result.put(table, rs.getString(2));
                }
            }
        }
        return result;
    }

    @Test
    void a_household_set_to_an_empty_or_misspelled_body_keeps_its_members() throws Exception {
        Endpoint put = endpoint("/api/households/" + household + "/members");
        for (String body : List.of("{}", "{\"member\":[]}", "{\"members\":null}")) {
            HttpResponse<String> answer = send(put, body, List.of());
            assertThat(answer.statusCode()).as(body + " → " + answer.body()).isEqualTo(400);
        }
        assertThat(households.get(Caller.system(), household).members())
                .extracting(m -> m.memberId())
                .containsExactly(member);
    }

    @Test
    void two_idempotency_keys_in_one_request_are_refused_on_every_endpoint_that_posts() throws Exception {
        Map<String, String> before = fingerprint();
        for (Endpoint e : endpoints().stream().filter(Endpoint::idempotent).toList()) {
            HttpResponse<String> answer = send(e, write(e.body()), List.of("key-one-" + UUID.randomUUID(), "key-two"));
            assertThat(answer.statusCode()).as(e.path() + " → " + answer.body()).isEqualTo(400);
            assertThat(api.code(answer)).isEqualTo(Idempotency.KEY_REPEATED);
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void values_that_bind_but_break_a_rule_are_refused_with_their_own_code() throws Exception {
        Map<String, String> before = fingerprint();
        String minimum = Long.toString(Long.MIN_VALUE);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(
                "/api/points/rules",
                write(with(endpoint("/api/points/rules").body(), "points", raw(minimum))) + " POINTS_INVALID");
        cases.put(
                "/api/points/adjustments",
                write(with(endpoint("/api/points/adjustments").body(), "amount", raw(minimum))) + " AMOUNT_INVALID");
        cases.put(
                "/api/members",
                write(with(endpoint("/api/members").body(), "name", "12345")) + " NAME_WITHOUT_LETTERS");
        cases.put(
                "/api/members#joined-before-birth",
                write(body(
                                "organizationId",
                                community.id(),
                                "name",
                                "早党员",
                                "birthDate",
                                "1990-01-01",
                                "partyStatus",
                                "FULL",
                                "partyJoinedOn",
                                "1980-07-01"))
                        + " PARTY_JOINED_BEFORE_BIRTH");
        cases.put(
                "/api/members#joined-before-any-birth",
                write(body(
                                "organizationId",
                                community.id(),
                                "name",
                                "无生日党员",
                                "partyStatus",
                                "FULL",
                                "partyJoinedOn",
                                "1850-07-01"))
                        + " PARTY_JOINED_BEFORE_BIRTH");
        cases.put(
                "/api/points/kinds",
                write(body("organizationId", community.id(), "code", "NAMED", "name", "９９９"))
                        + " NAME_WITHOUT_LETTERS");
        for (var c : cases.entrySet()) {
            String path = c.getKey().replaceAll("#.*", "");
            String body = c.getValue().substring(0, c.getValue().lastIndexOf(' '));
            String code = c.getValue().substring(c.getValue().lastIndexOf(' ') + 1);
            HttpResponse<String> answer = api.post(
                    path, admin, body, Map.of(Idempotency.KEY, UUID.randomUUID().toString()));
            assertThat(answer.statusCode() + " " + api.code(answer))
                    .as(body + " → " + answer.body())
                    .isEqualTo("400 " + code);
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void a_point_kind_code_is_taken_in_the_whole_line_of_organizations() throws Exception {
        Organization grid = organizations.createChild(community, OrganizationKind.GRID, "敌意网格");
        Organization otherStreet = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "别的街道");
        String otherAdmin = new TestUsers(userAdmin, api).token("hostile-other", Role.ORG_ADMIN, otherStreet, null);
        HttpResponse<String> inStreet = api.post(
                "/api/points/kinds", admin, Map.of("organizationId", street.id(), "code", "VOLUNTEER", "name", "志愿"));
        HttpResponse<String> inOtherTree = api.post(
                "/api/points/kinds",
                otherAdmin,
                Map.of("organizationId", otherStreet.id(), "code", "VOLUNTEER", "name", "志愿"));
        assertThat(inStreet.statusCode()).as(inStreet.body()).isEqualTo(201);
        assertThat(inOtherTree.statusCode()).as(inOtherTree.body()).isEqualTo(201);
        Map<String, String> before = fingerprint();

        for (Organization org : List.of(street, community, grid)) {
            HttpResponse<String> again = api.post(
                    "/api/points/kinds", admin, Map.of("organizationId", org.id(), "code", "volunteer", "name", "再来"));
            assertThat(again.statusCode()).as(org.name() + " → " + again.body()).isEqualTo(409);
            assertThat(api.code(again)).isEqualTo("POINT_KIND_CODE_TAKEN");
        }
        HttpResponse<String> sameOrganization = api.post(
                "/api/points/kinds", admin, Map.of("organizationId", community.id(), "code", "HOSTILE", "name", "重"));
        assertThat(sameOrganization.statusCode()).isEqualTo(409);
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void a_parameter_that_is_not_a_number_is_a_400_that_names_it() {
        HttpResponse<String> notNumber = api.get("/api/rankings?kind=abc&org=" + community.id(), admin);
        HttpResponse<String> missing = api.get("/api/rankings?org=" + community.id(), admin);
        HttpResponse<String> fraction = api.get("/api/rankings?kind=1.5&org=" + community.id(), admin);

        assertThat(notNumber.statusCode() + " " + api.code(notNumber)).isEqualTo("400 INVALID_PARAMETER");
        assertThat(fraction.statusCode() + " " + api.code(fraction)).isEqualTo("400 INVALID_PARAMETER");
        assertThat(missing.statusCode() + " " + api.code(missing)).isEqualTo("400 MISSING_PARAMETER");
        for (HttpResponse<String> r : List.of(notNumber, missing, fraction)) {
            assertThat(leaksInternals(r.body())).as(r.body()).isFalse();
        }
    }
}
