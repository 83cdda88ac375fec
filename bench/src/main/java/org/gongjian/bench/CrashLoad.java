package org.gongjian.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load client of {@code bench/crash-test.sh}: JDK only, so that the script compiles it with
 * {@code javac} alone.
 *
 * <ul>
 *   <li>{@code setup <base-url> <home> <state>}: changes the first administrator password, signs in,
 *       creates an organization with members and writes their account ids to {@code state};
 *   <li>{@code load <state> <log> <threads> <max-seconds>}: posts transfers (1–3 per request, from
 *       the organization's ISSUANCE account to members, or from a member to REDEMPTION, which may be
 *       refused for lack of balance) and time-bank deposits (through the time bank's endpoint,
 *       which audits in the posting's transaction), each with its own Idempotency-Key, until the server goes away;
 *       appends to {@code log} one line per request: {@code ACK} with the status and request id for
 *       every answer, {@code INFLIGHT} for a request whose answer was lost (sent, then the
 *       connection broke);
 *   <li>{@code verify <state> <log>}: resends every in-flight request (it must answer 201, or a
 *       replay if it had committed), resends every acknowledged request (it must answer a replay
 *       with the same status and request id), compares the sum of the acknowledged transfers with
 *       every account's balance, checks that every posted time-bank deposit has exactly one audit row
 *       and no audit row names a request that was not posted, and asks for a reconciliation (ok
 *       must be true). Exits 1 on any
 *       violation.
 * </ul>
 */
public final class CrashLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String ADMIN_PASSWORD = "crash-test-admin-password-2026";
    private static final int MEMBERS = 20;

    private CrashLoad() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], Path.of(args[2]), Path.of(args[3]));
            case "load" ->
                load(state(Path.of(args[1])), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "verify" -> System.exit(verify(state(Path.of(args[1])), Path.of(args[2])) ? 0 : 1);
            default -> throw new IllegalArgumentException("setup | load | verify");
        }
    }

    // ---------------------------------------------------------------- setup

    private static void setup(String base, Path home, Path stateFile) throws Exception {
        String initial =
                Files.readString(home.resolve("initial-admin-password")).trim();
        HttpResponse<String> changed = send(
                base,
                "POST",
                "/api/auth/password",
                null,
                Map.of(),
                json(Map.of("username", "admin", "oldPassword", initial, "newPassword", ADMIN_PASSWORD)));
        check(changed.statusCode() == 204, "password change: " + changed.statusCode() + " " + changed.body());
        HttpResponse<String> token = send(
                base,
                "POST",
                "/api/auth/token",
                null,
                Map.of(),
                json(Map.of("username", "admin", "password", ADMIN_PASSWORD)));
        check(token.statusCode() == 200, "token: " + token.body());
        String bearer = (String) object(token.body()).get("accessToken");
        HttpResponse<String> org =
                send(base, "POST", "/api/orgs", bearer, Map.of(), json(Map.of("kind", "COMMUNITY", "name", "崩溃测试社区")));
        check(org.statusCode() == 201, "organization: " + org.body());
        long orgId = number(object(org.body()).get("id"));
        Map<String, Long> orgAccounts = new HashMap<>();
        for (Map<String, Object> a : list(get(base, "/api/orgs/" + orgId + "/accounts", bearer))) {
            orgAccounts.put((String) a.get("ownerType"), number(a.get("id")));
        }
        String surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许";
        List<String> accounts = new ArrayList<>();
        List<String> memberIds = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            HttpResponse<String> member = send(
                    base,
                    "POST",
                    "/api/members",
                    bearer,
                    Map.of(),
                    json(Map.of("organizationId", orgId, "name", surnames.charAt(i) + "测试")));
            check(member.statusCode() == 201, "member: " + member.body());
            long memberId = number(object(member.body()).get("id"));
            memberIds.add(Long.toString(memberId));
            for (Map<String, Object> a : list(get(base, "/api/members/" + memberId + "/accounts", bearer))) {
                if ("TIME".equals(a.get("assetType"))) {
                    accounts.add(Long.toString(number(a.get("id"))));
                }
            }
        }
        Properties state = new Properties();
        state.setProperty("base", base);
        state.setProperty("token", bearer);
        state.setProperty("organization", Long.toString(orgId));
        state.setProperty("issuance", Long.toString(orgAccounts.get("ISSUANCE")));
        state.setProperty("redemption", Long.toString(orgAccounts.get("REDEMPTION")));
        state.setProperty("members", String.join(",", memberIds));
        state.setProperty("accounts", String.join(",", accounts));
        try (BufferedWriter out = Files.newBufferedWriter(stateFile)) {
            state.store(out, "crash test");
        }
        System.out.println("crash-load: organization " + orgId + ", " + accounts.size() + " member accounts");
    }

    // ---------------------------------------------------------------- load

    record State(
            String base,
            String token,
            long organization,
            long issuance,
            long redemption,
            List<Long> members,
            List<Long> accounts) {}

    private static State state(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        List<Long> members = new ArrayList<>();
        for (String m : p.getProperty("members").split(",")) {
            members.add(Long.parseLong(m));
        }
        List<Long> accounts = new ArrayList<>();
        for (String a : p.getProperty("accounts").split(",")) {
            accounts.add(Long.parseLong(a));
        }
        return new State(
                p.getProperty("base"),
                p.getProperty("token"),
                Long.parseLong(p.getProperty("organization")),
                Long.parseLong(p.getProperty("issuance")),
                Long.parseLong(p.getProperty("redemption")),
                members,
                accounts);
    }

    /** One transfer: debit, credit, amount. */
    record Move(long debit, long credit, long amount) {}

    private static void load(State s, Path log, int threads, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong acks = new AtomicLong();
        AtomicLong inflight = new AtomicLong();
        try (BufferedWriter out = Files.newBufferedWriter(
                        log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        String key = "crash:" + run + ":" + thread + ":" + n;
                        List<Move> moves = new ArrayList<>();
                        int kind = random.nextInt(10);
                        boolean timeBank = kind < 2;
                        if (timeBank) {
                            long member =
                                    s.accounts().get(random.nextInt(s.accounts().size()));
                            moves.add(new Move(s.issuance(), member, 1 + random.nextInt(100)));
                        } else if (kind < 7) {
                            int count = 1 + random.nextInt(3);
                            int first = random.nextInt(s.accounts().size());
                            for (int i = 0; i < count; i++) {
                                long member = s.accounts()
                                        .get((first + i) % s.accounts().size());
                                moves.add(new Move(s.issuance(), member, 1 + random.nextInt(100)));
                            }
                        } else {
                            long member =
                                    s.accounts().get(random.nextInt(s.accounts().size()));
                            moves.add(new Move(member, s.redemption(), 1 + random.nextInt(150)));
                        }
                        String line;
                        try {
                            HttpResponse<String> r = post(s, key, moves, timeBank);
                            if (r.statusCode() >= 500) {
                                // No answer to rely on (the server failed): resent by verify like a lost one.
                                line = String.join("\t", "INFLIGHT", key, "-", "-", encode(moves, timeBank));
                                inflight.incrementAndGet();
                                synchronized (out) {
                                    out.write(line);
                                    out.newLine();
                                    out.flush();
                                }
                                System.err.println(
                                        "crash-load: " + key + " answered " + r.statusCode() + " " + r.body());
                                continue;
                            }
                            line = String.join(
                                    "\t",
                                    "ACK",
                                    key,
                                    Integer.toString(r.statusCode()),
                                    requestId(r),
                                    encode(moves, timeBank));
                            acks.incrementAndGet();
                        } catch (ConnectException gone) {
                            return null; // nothing was sent: the server is down
                        } catch (IOException lost) {
                            line = String.join("\t", "INFLIGHT", key, "-", "-", encode(moves, timeBank));
                            inflight.incrementAndGet();
                        }
                        synchronized (out) {
                            out.write(line);
                            out.newLine();
                            out.flush();
                        }
                        if (line.startsWith("INFLIGHT")) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        System.out.println("crash-load: " + acks.get() + " answered, " + inflight.get() + " in flight");
    }

    private static String requestId(HttpResponse<String> r) {
        if (r.statusCode() == 200 || r.statusCode() == 201) {
            return Long.toString(number(object(r.body()).get("requestId")));
        }
        return "-";
    }

    /**
     * Posts the moves through the ledger API, or, for a time-bank deposit (one move from the
     * issuance account to a member), through {@code POST /api/timebank/deposits}, whose audit row
     * must commit with the posting.
     */
    private static HttpResponse<String> post(State s, String key, List<Move> moves, boolean timeBank)
            throws IOException, InterruptedException {
        if (timeBank) {
            Move m = moves.getFirst();
            long member = s.members().get(s.accounts().indexOf(m.credit()));
            String deposit = "{\"memberId\":" + member + ",\"minutes\":" + m.amount()
                    + ",\"reason\":\"崩溃测试服务\",\"evidence\":\"签到表\"}";
            return send(s.base(), "POST", "/api/timebank/deposits", s.token(), Map.of("Idempotency-Key", key), deposit);
        }
        StringBuilder body = new StringBuilder("{\"organizationId\":")
                .append(s.organization())
                .append(",\"transfers\":[");
        for (int i = 0; i < moves.size(); i++) {
            Move m = moves.get(i);
            body.append(i == 0 ? "" : ",")
                    .append("{\"debitAccountId\":")
                    .append(m.debit())
                    .append(",\"creditAccountId\":")
                    .append(m.credit())
                    .append(",\"amount\":")
                    .append(m.amount())
                    .append(
                            m.debit() == s.issuance()
                                    ? ",\"reasonCode\":\"SERVICE_DEPOSIT\",\"category\":\"VOLUNTEER\",\"memo\":\"崩溃测试\"}"
                                    : ",\"reasonCode\":\"REDEMPTION\",\"category\":\"MARKET\",\"memo\":\"崩溃测试\"}");
        }
        body.append("]}");
        return send(
                s.base(), "POST", "/api/ledger/transfers", s.token(), Map.of("Idempotency-Key", key), body.toString());
    }

    /** The moves as the log keeps them; a time-bank deposit starts with {@code T}. */
    private static String encode(List<Move> moves, boolean timeBank) {
        List<String> parts = new ArrayList<>();
        for (Move m : moves) {
            parts.add(m.debit() + ">" + m.credit() + ":" + m.amount());
        }
        return (timeBank ? "T" : "") + String.join(",", parts);
    }

    private static List<Move> decode(String encoded) {
        List<Move> moves = new ArrayList<>();
        for (String part : encoded.replaceFirst("^T", "").split(",")) {
            int gt = part.indexOf('>');
            int colon = part.indexOf(':');
            moves.add(new Move(
                    Long.parseLong(part.substring(0, gt)),
                    Long.parseLong(part.substring(gt + 1, colon)),
                    Long.parseLong(part.substring(colon + 1))));
        }
        return moves;
    }

    // ---------------------------------------------------------------- verify

    /** A request the log knows: its transfers and, once answered, its status and request id. */
    private static final class Known {
        final String key;
        final List<Move> moves;
        final boolean timeBank;
        int status;
        String requestId;
        boolean inflight;

        Known(String key, String encoded) {
            this.key = key;
            this.moves = decode(encoded);
            this.timeBank = encoded.startsWith("T");
        }
    }

    private static boolean verify(State s, Path log) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Known> known = new LinkedHashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t");
            Known k = new Known(f[1], f[4]);
            if (known.put(k.key, k) != null) {
                problems.add("key logged twice: " + k.key);
            }
            if (f[0].equals("ACK")) {
                k.status = Integer.parseInt(f[2]);
                k.requestId = f[3];
            } else {
                k.inflight = true;
            }
        }
        // In-flight requests: sent, answer lost. Resent now, each answers 201 (had not committed) or
        // a replay (had committed); 422 likewise, fresh or replayed.
        int committedBeforeKill = 0;
        int postedOnResend = 0;
        for (Known k : known.values()) {
            if (!k.inflight) {
                continue;
            }
            HttpResponse<String> r = post(s, k.key, k.moves, k.timeBank);
            boolean replayed = r.headers().firstValue("Idempotent-Replayed").isPresent();
            if (r.statusCode() == 201 || r.statusCode() == 422 && !replayed) {
                postedOnResend++;
            } else if ((r.statusCode() == 200 || r.statusCode() == 422) && replayed) {
                committedBeforeKill++;
            } else {
                problems.add("in-flight " + k.key + " answered " + r.statusCode() + " " + r.body());
            }
            k.status = r.statusCode() == 200 ? 201 : r.statusCode();
            k.requestId = requestId(r);
        }
        // Every answered request, resent with the same content, is a replay with the same result.
        AtomicInteger replays = new AtomicInteger();
        Map<String, String> replayProblems = new ConcurrentHashMap<>();
        List<Known> all = new ArrayList<>(known.values());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < all.size(); ) {
                        Known k = all.get(i);
                        HttpResponse<String> r = post(s, k.key, k.moves, k.timeBank);
                        int expected = k.status == 201 ? 200 : k.status;
                        boolean replayed = "true"
                                .equals(r.headers()
                                        .firstValue("Idempotent-Replayed")
                                        .orElse(""));
                        if (r.statusCode() != expected || !replayed || !Objects.equals(requestId(r), k.requestId)) {
                            replayProblems.put(
                                    k.key,
                                    "replay of " + k.key + " (first " + k.status + " " + k.requestId + ") answered "
                                            + r.statusCode() + " replayed=" + replayed + " " + r.body());
                        }
                        replays.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        problems.addAll(replayProblems.values());
        // The acknowledged transfers add up to every balance.
        Map<Long, Long> expected = new HashMap<>();
        long posted = 0;
        long refused = 0;
        for (Known k : known.values()) {
            if (k.status == 201) {
                posted++;
                for (Move m : k.moves) {
                    expected.merge(m.debit(), -m.amount(), Long::sum);
                    expected.merge(m.credit(), m.amount(), Long::sum);
                }
            } else if (k.status == 422) {
                refused++;
            } else {
                problems.add(k.key + " ended with status " + k.status);
            }
        }
        Map<Long, Long> actual = new HashMap<>();
        for (Map<String, Object> a : list(get(s.base(), "/api/orgs/" + s.organization() + "/accounts", s.token()))) {
            actual.put(number(a.get("id")), number(a.get("balance")));
        }
        for (long member : s.members()) {
            for (Map<String, Object> a : list(get(s.base(), "/api/members/" + member + "/accounts", s.token()))) {
                actual.put(number(a.get("id")), number(a.get("balance")));
            }
        }
        for (Map.Entry<Long, Long> a : actual.entrySet()) {
            long want = expected.getOrDefault(a.getKey(), 0L);
            if (want != a.getValue()) {
                problems.add("account " + a.getKey() + " has balance " + a.getValue() + ", acknowledged " + want);
            }
        }
        // Every posted time-bank deposit has exactly one audit row (written in its transaction), and
        // no audit row names a request that was not posted.
        Map<String, Integer> audited = new HashMap<>();
        List<Map<String, Object>> auditRows =
                list(get(s.base(), "/api/audit?action=TIME_BANK_DEPOSIT&limit=500", s.token()));
        if (auditRows.size() >= 500) {
            problems.add("more than 500 time-bank deposits: the audit check reads at most 500");
        }
        for (Map<String, Object> row : auditRows) {
            String detail = String.valueOf(row.get("detail"));
            String request = detail.substring(detail.lastIndexOf(' ') + 1);
            audited.merge(request, 1, Integer::sum);
        }
        long deposits = 0;
        for (Known k : known.values()) {
            if (k.timeBank && k.status == 201) {
                deposits++;
                Integer rows = audited.remove(k.requestId);
                if (rows == null || rows != 1) {
                    problems.add("time-bank deposit " + k.key + " (request " + k.requestId + ") has " + rows
                            + " audit rows");
                }
            }
        }
        audited.forEach((request, rows) -> problems.add("audit row for request " + request + " that was not posted"));
        HttpResponse<String> reconciliation =
                send(s.base(), "POST", "/api/ledger/reconciliation", s.token(), Map.of(), "");
        Map<String, Object> result = object(reconciliation.body());
        if (reconciliation.statusCode() != 200 || !Boolean.TRUE.equals(result.get("ok"))) {
            problems.add("reconciliation: " + reconciliation.statusCode() + " " + reconciliation.body());
        }
        System.out.printf(
                "crash-verify: %d requests answered before a kill or after (%d posted, %d refused INSUFFICIENT_BALANCE);"
                        + " %d in flight at a kill: %d had committed (replayed), %d had not (posted on resend);"
                        + " %d replays checked; %d accounts balanced against the acknowledged transfers;"
                        + " %d time-bank deposits audited once each;"
                        + " reconciliation ok=%s (%s transfers, %s entries); %d problems%n",
                known.size(),
                posted,
                refused,
                known.values().stream().filter(k -> k.inflight).count(),
                committedBeforeKill,
                postedOnResend,
                replays.get(),
                actual.size(),
                deposits,
                result.get("ok"),
                result.get("transfers"),
                result.get("entries"),
                problems.size());
        problems.stream().limit(20).forEach(p -> System.out.println("  VIOLATION " + p));
        return problems.isEmpty();
    }

    // ---------------------------------------------------------------- HTTP and JSON

    private static HttpResponse<String> get(String base, String path, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> r = send(base, "GET", path, token, Map.of(), null);
        check(r.statusCode() == 200, "GET " + path + ": " + r.statusCode() + " " + r.body());
        return r;
    }

    private static HttpResponse<String> send(
            String base, String method, String path, String token, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static String json(Map<String, Object> fields) {
        StringBuilder s = new StringBuilder("{");
        fields.forEach((k, v) -> {
            s.append(s.length() == 1 ? "" : ",").append('"').append(k).append("\":");
            s.append(v instanceof String str ? "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v);
        });
        return s.append('}').toString();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        return (Map<String, Object>) new Json(json).value();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response) {
        return (List<Map<String, Object>>) new Json(response.body()).value();
    }

    /** A minimal JSON reader: objects, arrays, strings, numbers (as Long or Double), booleans, null. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String number = s.substring(start, i);
            return number.contains(".") || number.contains("e") || number.contains("E")
                    ? (Object) Double.parseDouble(number)
                    : (Object) Long.parseLong(number);
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
