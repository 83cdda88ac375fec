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
 *   <li>{@code load <state> <log> <threads> <max-seconds>}: posts manual ledger transfers of a point
 *       kind (1–3 per request, from the organization's ISSUANCE account to members, or from a member
 *       to REDEMPTION, which may be refused for lack of balance), points adjustments (awards and
 *       deductions up to the approval threshold, through {@code /api/points/adjustments}) and
 *       time-bank deposits (through the time bank's endpoint), each with its own Idempotency-Key,
 *       until the server goes away; each of the three audits in the posting's transaction;
 *       appends to {@code log} one line per request: {@code ACK} with the status and request id for
 *       every answer, {@code INFLIGHT} for a request whose answer was lost (sent, then the
 *       connection broke);
 *   <li>{@code verify <state> <log>}: resends every in-flight request (it must answer 201, or a
 *       replay if it had committed), resends every acknowledged request (it must answer a replay
 *       with the same status and request id), compares the sum of the acknowledged transfers with
 *       every account's balance, checks that every posted time-bank deposit, manual transfer and
 *       adjustment has exactly one audit row and no audit row names a request that was not posted,
 *       and asks for a reconciliation (ok must be true). Exits 1 on any violation.
 * </ul>
 */
public final class CrashLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final String ADMIN_PASSWORD = "crash-test-admin-password-2026";
    private static final int MEMBERS = 20;
    static final String MARKET_PLUGIN = "leifeng-market";
    static final String MARKET_API = "/api/plugins/" + MARKET_PLUGIN + "/x";
    /** Each good's stock at the start: scarce, so that some redemptions meet an empty shelf. */
    static final int MARKET_STOCK = 60;
    /** How long verify waits for the recovery job to settle a redemption cut between its two commits. */
    static final Duration SETTLE_WAIT = Duration.ofMinutes(4);

    private CrashLoad() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
            case "load" ->
                load(state(Path.of(args[1])), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "verify" -> System.exit(verify(state(Path.of(args[1])), Path.of(args[2])) ? 0 : 1);
            default -> throw new IllegalArgumentException("setup | load | verify");
        }
    }

    // ---------------------------------------------------------------- setup

    private static void setup(String base, Path home, Path stateFile, Path marketJar) throws Exception {
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
        HttpResponse<String> kind = send(
                base,
                "POST",
                "/api/points/kinds",
                bearer,
                Map.of(),
                json(Map.of("organizationId", orgId, "code", "CRASH", "name", "崩溃测试积分")));
        check(kind.statusCode() == 201, "point kind: " + kind.body());
        long kindId = number(object(kind.body()).get("id"));
        Map<String, Long> pointsAccounts = new HashMap<>();
        for (Map<String, Object> a : list(get(base, "/api/orgs/" + orgId + "/accounts?asset=" + kindId, bearer))) {
            pointsAccounts.put((String) a.get("ownerType"), number(a.get("id")));
        }
        String surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许";
        List<String> accounts = new ArrayList<>();
        List<String> points = new ArrayList<>();
        List<String> memberIds = new ArrayList<>();
        List<String> setupRequests = new ArrayList<>();
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
            // The member's points account opens with an adjustment; a second one takes it back.
            for (long amount : new long[] {1, -1}) {
                HttpResponse<String> opened = send(
                        base,
                        "POST",
                        "/api/points/adjustments",
                        bearer,
                        Map.of("Idempotency-Key", "crash-setup:" + memberId + ":" + amount),
                        adjustment(memberId, kindId, amount));
                check(opened.statusCode() == 201, "opening adjustment: " + opened.body());
                setupRequests.add(requestId(opened));
            }
            for (Map<String, Object> a : list(get(base, "/api/members/" + memberId + "/accounts", bearer))) {
                if ("TIME".equals(a.get("assetType"))) {
                    accounts.add(Long.toString(number(a.get("id"))));
                } else if (number(a.get("assetId")) == kindId) {
                    points.add(Long.toString(number(a.get("id"))));
                }
            }
        }
        // The Lei Feng market, installed as an operator does (its signed jar uploaded), switched on
        // for the organization, on the same point kind.
        HttpResponse<String> installed = upload(base, "/api/plugins", bearer, marketJar);
        check(installed.statusCode() == 201, "market installed: " + installed.statusCode() + " " + installed.body());
        HttpResponse<String> enabled = send(
                base,
                "PUT",
                "/api/orgs/" + orgId + "/plugins/" + MARKET_PLUGIN,
                bearer,
                Map.of(),
                "{\"enabled\":true}");
        check(enabled.statusCode() == 200, "market switched on: " + enabled.statusCode() + " " + enabled.body());
        HttpResponse<String> market = send(
                base,
                "POST",
                MARKET_API + "/orgs/" + orgId + "/markets",
                bearer,
                Map.of(),
                json(Map.of("name", "崩溃测试雷锋超市", "assetCode", "CRASH")));
        check(market.statusCode() == 201, "market: " + market.body());
        long marketId = number(object(market.body()).get("id"));
        List<String> goods = new ArrayList<>();
        String[][] catalogue = {{"食用油", "瓶", "5"}, {"大米", "袋", "12.5"}, {"肥皂", "块", "2"}};
        for (String[] item : catalogue) {
            HttpResponse<String> added = send(
                    base,
                    "POST",
                    MARKET_API + "/markets/" + marketId + "/items",
                    bearer,
                    Map.of(),
                    "{\"name\":\"" + item[0] + "\",\"category\":\"日用\",\"unit\":\"" + item[1] + "\",\"price\":"
                            + item[2] + "}");
            check(added.statusCode() == 201, "item: " + added.body());
            long itemId = number(object(added.body()).get("id"));
            HttpResponse<String> donated = send(
                    base,
                    "POST",
                    MARKET_API + "/markets/" + marketId + "/donations",
                    bearer,
                    Map.of(),
                    "{\"donor\":\"崩溃测试商户\",\"receiptNo\":\"CRASH-1\",\"lines\":[{\"itemId\":" + itemId
                            + ",\"quantity\":" + MARKET_STOCK + "}]}");
            check(donated.statusCode() == 201, "donation: " + donated.body());
            long tenths = Math.round(Double.parseDouble(item[2]) * 10);
            goods.add(itemId + ":" + tenths);
        }
        Properties state = new Properties();
        state.setProperty("base", base);
        state.setProperty("market", Long.toString(marketId));
        state.setProperty("goods", String.join(",", goods));
        state.setProperty("token", bearer);
        state.setProperty("organization", Long.toString(orgId));
        state.setProperty("issuance", Long.toString(orgAccounts.get("ISSUANCE")));
        state.setProperty("redemption", Long.toString(orgAccounts.get("REDEMPTION")));
        state.setProperty("members", String.join(",", memberIds));
        state.setProperty("accounts", String.join(",", accounts));
        state.setProperty("kind", Long.toString(kindId));
        state.setProperty("pointsIssuance", Long.toString(pointsAccounts.get("ISSUANCE")));
        state.setProperty("pointsRedemption", Long.toString(pointsAccounts.get("REDEMPTION")));
        state.setProperty("points", String.join(",", points));
        state.setProperty("setupRequests", String.join(",", setupRequests));
        try (BufferedWriter out = Files.newBufferedWriter(stateFile)) {
            state.store(out, "crash test");
        }
        System.out.println("crash-load: organization " + orgId + ", " + accounts.size() + " members with a time and a"
                + " points account");
    }

    // ---------------------------------------------------------------- load

    record State(
            String base,
            String token,
            long organization,
            long issuance,
            long redemption,
            List<Long> members,
            List<Long> accounts,
            long kind,
            long pointsIssuance,
            long pointsRedemption,
            List<Long> points,
            List<String> setupRequests,
            long market,
            Map<Long, Long> goods) {

        /** The price of a good, in the kind's smallest unit (tenths). */
        long price(long item) {
            return goods.get(item);
        }
    }

    private static State state(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return new State(
                p.getProperty("base"),
                p.getProperty("token"),
                Long.parseLong(p.getProperty("organization")),
                Long.parseLong(p.getProperty("issuance")),
                Long.parseLong(p.getProperty("redemption")),
                ids(p.getProperty("members")),
                ids(p.getProperty("accounts")),
                Long.parseLong(p.getProperty("kind")),
                Long.parseLong(p.getProperty("pointsIssuance")),
                Long.parseLong(p.getProperty("pointsRedemption")),
                ids(p.getProperty("points")),
                List.of(p.getProperty("setupRequests").split(",")),
                Long.parseLong(p.getProperty("market")),
                goods(p.getProperty("goods")));
    }

    private static Map<Long, Long> goods(String encoded) {
        Map<Long, Long> goods = new LinkedHashMap<>();
        for (String good : encoded.split(",")) {
            String[] f = good.split(":");
            goods.put(Long.parseLong(f[0]), Long.parseLong(f[1]));
        }
        return goods;
    }

    private static List<Long> ids(String commaSeparated) {
        List<Long> ids = new ArrayList<>();
        for (String id : commaSeparated.split(",")) {
            ids.add(Long.parseLong(id));
        }
        return ids;
    }

    /**
     * One transfer: debit, credit, amount. A redemption is two: the points from the member's account
     * to {@link #MARKET_ACCOUNT}, and the goods from the item (its id as the debit) to {@link #MARKET_SHELF}.
     */
    record Move(long debit, long credit, long amount) {}

    /** The market's account in a redemption's moves (its ledger id is the market's business). */
    static final long MARKET_ACCOUNT = -1;

    /** The goods' way out in a redemption's moves: the debit is the item, the amount its quantity. */
    static final long MARKET_SHELF = -2;

    /** The endpoint a request goes to, and its mark in the log. */
    enum Route {
        LEDGER(""),
        TIME_BANK("T"),
        ADJUSTMENT("A"),
        /** A redemption at the Lei Feng market: member → the market's account, goods out of stock. */
        MARKET("M");

        final String mark;

        Route(String mark) {
            this.mark = mark;
        }

        static Route of(String encoded) {
            return encoded.startsWith("T")
                    ? TIME_BANK
                    : encoded.startsWith("A") ? ADJUSTMENT : encoded.startsWith("M") ? MARKET : LEDGER;
        }
    }

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
                        int kind = random.nextInt(13);
                        int m = random.nextInt(s.members().size());
                        Route path = kind < 2
                                ? Route.TIME_BANK
                                : kind < 7 ? Route.LEDGER : kind < 10 ? Route.ADJUSTMENT : Route.MARKET;
                        if (kind >= 10) {
                            List<Long> goods = new ArrayList<>(s.goods().keySet());
                            long item = goods.get(random.nextInt(goods.size()));
                            int quantity = 1 + random.nextInt(3);
                            moves.add(new Move(s.points().get(m), MARKET_ACCOUNT, s.price(item) * quantity));
                            moves.add(new Move(item, MARKET_SHELF, quantity));
                        } else if (kind < 2) {
                            moves.add(new Move(s.issuance(), s.accounts().get(m), 1 + random.nextInt(100)));
                        } else if (kind < 5) {
                            int count = 1 + random.nextInt(3);
                            for (int i = 0; i < count; i++) {
                                long member =
                                        s.points().get((m + i) % s.points().size());
                                moves.add(new Move(s.pointsIssuance(), member, 1 + random.nextInt(100)));
                            }
                        } else if (kind < 7) {
                            moves.add(new Move(s.points().get(m), s.pointsRedemption(), 1 + random.nextInt(150)));
                        } else if (kind < 9) {
                            moves.add(new Move(s.pointsIssuance(), s.points().get(m), 1 + random.nextInt(200)));
                        } else {
                            moves.add(new Move(s.points().get(m), s.pointsIssuance(), 1 + random.nextInt(100)));
                        }
                        String line;
                        try {
                            HttpResponse<String> r = post(s, key, moves, path);
                            if (r.statusCode() >= 500) {
                                // No answer to rely on (the server failed): resent by verify like a lost one.
                                line = String.join("\t", "INFLIGHT", key, "-", "-", encode(moves, path));
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
                                    encode(moves, path));
                            acks.incrementAndGet();
                        } catch (ConnectException gone) {
                            return null; // nothing was sent: the server is down
                        } catch (IOException lost) {
                            line = String.join("\t", "INFLIGHT", key, "-", "-", encode(moves, path));
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
            Map<String, Object> body = object(r.body());
            // a market redemption answers its own id (and its transfer's)
            return Long.toString(number(body.containsKey("requestId") ? body.get("requestId") : body.get("id")));
        }
        return "-";
    }

    /**
     * Posts the moves through the ledger API; a time-bank deposit (one move from the issuance
     * account to a member) through {@code POST /api/timebank/deposits}; an adjustment (one move
     * between the points issuance account and a member) through {@code POST /api/points/adjustments}.
     * Each audit row must commit with its posting.
     */
    private static HttpResponse<String> post(State s, String key, List<Move> moves, Route path)
            throws IOException, InterruptedException {
        Map<String, String> idempotency = Map.of("Idempotency-Key", key);
        if (path == Route.TIME_BANK) {
            Move m = moves.getFirst();
            long member = s.members().get(s.accounts().indexOf(m.credit()));
            String deposit = "{\"memberId\":" + member + ",\"minutes\":" + m.amount()
                    + ",\"reason\":\"崩溃测试服务\",\"evidence\":\"签到表\"}";
            return send(s.base(), "POST", "/api/timebank/deposits", s.token(), idempotency, deposit);
        }
        if (path == Route.MARKET) {
            Move points = moves.get(0);
            Move goods = moves.get(1);
            long member = s.members().get(s.points().indexOf(points.debit()));
            return send(
                    s.base(),
                    "POST",
                    MARKET_API + "/markets/" + s.market() + "/redemptions",
                    s.token(),
                    idempotency,
                    "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + goods.debit() + ",\"quantity\":"
                            + goods.amount() + "}]}");
        }
        if (path == Route.ADJUSTMENT) {
            Move m = moves.getFirst();
            boolean award = m.debit() == s.pointsIssuance();
            long member = s.members().get(s.points().indexOf(award ? m.credit() : m.debit()));
            return send(
                    s.base(),
                    "POST",
                    "/api/points/adjustments",
                    s.token(),
                    idempotency,
                    adjustment(member, s.kind(), award ? m.amount() : -m.amount()));
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
                            m.debit() == s.pointsIssuance()
                                    ? ",\"reasonCode\":\"SERVICE_DEPOSIT\",\"category\":\"VOLUNTEER\",\"memo\":\"崩溃测试\"}"
                                    : ",\"reasonCode\":\"REDEMPTION\",\"category\":\"MARKET\",\"memo\":\"崩溃测试\"}");
        }
        body.append("]}");
        return send(
                s.base(), "POST", "/api/ledger/transfers", s.token(), Map.of("Idempotency-Key", key), body.toString());
    }

    private static String adjustment(long member, long kind, long amount) {
        return "{\"memberId\":" + member + ",\"assetId\":" + kind + ",\"amount\":" + amount + ",\"memo\":\"崩溃测试调整\"}";
    }

    /** The moves as the log keeps them, after the path's mark (see {@link Route}). */
    private static String encode(List<Move> moves, Route path) {
        List<String> parts = new ArrayList<>();
        for (Move m : moves) {
            parts.add(m.debit() + ">" + m.credit() + ":" + m.amount());
        }
        return path.mark + String.join(",", parts);
    }

    private static List<Move> decode(String encoded) {
        List<Move> moves = new ArrayList<>();
        for (String part : encoded.replaceFirst("^[TAM]", "").split(",")) {
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
        final Route path;
        int status;
        String requestId;
        boolean inflight;

        Known(String key, String encoded) {
            this.key = key;
            this.moves = decode(encoded);
            this.path = Route.of(encoded);
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
        int adjustmentsResent = 0;
        int marketResent = 0;
        for (Known k : known.values()) {
            if (!k.inflight) {
                continue;
            }
            HttpResponse<String> r = settled(s, k);
            boolean replayed = r.headers().firstValue("Idempotent-Replayed").isPresent();
            if (k.path == Route.MARKET) {
                // 201 had not committed (or was undone by the recovery job and posted now), 200 had
                // committed; 409 is a refusal decided now (the market keeps no refusals).
                if (r.statusCode() == 201 || r.statusCode() == 409) {
                    postedOnResend++;
                } else if (r.statusCode() == 200 && r.body().contains("\"replayed\":true")) {
                    committedBeforeKill++;
                } else {
                    problems.add("in-flight " + k.key + " answered " + r.statusCode() + " " + r.body());
                }
                marketResent++;
            } else if (k.path == Route.ADJUSTMENT && (r.statusCode() == 201 || r.statusCode() == 422)) {
                adjustmentsResent++; // an adjustment answers a retry like the first answer, unmarked
            } else if (r.statusCode() == 201 || r.statusCode() == 422 && !replayed) {
                postedOnResend++;
            } else if ((r.statusCode() == 200 || r.statusCode() == 422) && replayed) {
                committedBeforeKill++;
            } else {
                problems.add("in-flight " + k.key + " answered " + r.statusCode() + " " + r.body());
            }
            k.status = r.statusCode() == 200 ? 201 : r.statusCode();
            k.requestId = requestId(r);
        }
        // A redemption cut between the host's commit and the plugin's is undone by the recovery job
        // (after a minute's grace) even when its resend was refused afresh: the market's account
        // agrees with its redemptions once that has run.
        long settling = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (true) {
            Map<String, Object> st =
                    object(get(s.base(), MARKET_API + "/markets/" + s.market() + "/statement", s.token())
                            .body());
            if (Objects.equals(st.get("account"), st.get("pointsTotal")) || System.nanoTime() > settling) {
                break;
            }
            System.out.println("crash-verify: the market's account (" + st.get("account") + ") waits for the recovery"
                    + " job to agree with its redemptions (" + st.get("pointsTotal") + ")");
            Thread.sleep(5000);
        }
        // Every answered request, resent with the same content, is a replay with the same result.
        AtomicInteger replays = new AtomicInteger();
        java.util.Set<Long> marketTransfers = ConcurrentHashMap.newKeySet();
        Map<String, String> replayProblems = new ConcurrentHashMap<>();
        List<Known> all = new ArrayList<>(known.values());
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < all.size(); ) {
                        Known k = all.get(i);
                        if (k.path == Route.MARKET && k.status != 201) {
                            continue; // a refused redemption is decided afresh when resent: nothing to replay
                        }
                        HttpResponse<String> r = post(s, k.key, k.moves, k.path);
                        if (k.path == Route.MARKET) {
                            boolean same = r.statusCode() == 200
                                    && r.body().contains("\"replayed\":true")
                                    && Objects.equals(requestId(r), k.requestId);
                            if (!same) {
                                replayProblems.put(
                                        k.key,
                                        "replay of redemption " + k.key + " (first 201 " + k.requestId + ") answered "
                                                + r.statusCode() + " " + r.body());
                            } else {
                                marketTransfers.add(number(object(r.body()).get("transferId")));
                            }
                            replays.incrementAndGet();
                            continue;
                        }
                        boolean marked = k.path != Route.ADJUSTMENT;
                        int expected = k.status == 201 && marked ? 200 : k.status;
                        boolean replayed = !marked
                                || "true"
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
        long redeemed = 0;
        long redeemedPoints = 0;
        long marketRefused = 0;
        Map<Long, Long> taken = new HashMap<>();
        for (Known k : known.values()) {
            if (k.status == 201) {
                posted++;
                for (Move m : k.moves) {
                    if (m.credit() == MARKET_SHELF) {
                        taken.merge(m.debit(), m.amount(), Long::sum);
                        continue;
                    }
                    expected.merge(m.debit(), -m.amount(), Long::sum);
                    expected.merge(m.credit(), m.amount(), Long::sum);
                }
                if (k.path == Route.MARKET) {
                    redeemed++;
                    redeemedPoints += k.moves.getFirst().amount();
                }
            } else if (k.status == 409 && k.path == Route.MARKET) {
                marketRefused++;
            } else if (k.status == 422) {
                refused++;
            } else {
                problems.add(k.key + " ended with status " + k.status);
            }
        }
        Map<Long, Long> actual = new HashMap<>();
        for (String asset : List.of("1", Long.toString(s.kind()))) {
            for (Map<String, Object> a :
                    list(get(s.base(), "/api/orgs/" + s.organization() + "/accounts?asset=" + asset, s.token()))) {
                actual.put(number(a.get("id")), number(a.get("balance")));
            }
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
        // The market: one ledger transfer per accepted redemption, its account holding their points,
        // and the shelves holding what the accepted redemptions did not take.
        if (marketTransfers.size() != redeemed) {
            problems.add(redeemed + " redemptions accepted, " + marketTransfers.size() + " distinct ledger transfers");
        }
        Map<String, Object> statement =
                object(get(s.base(), MARKET_API + "/markets/" + s.market() + "/statement", s.token())
                        .body());
        long account = tenths((String) statement.get("account"));
        if (account != redeemedPoints || tenths((String) statement.get("pointsTotal")) != redeemedPoints) {
            problems.add("market account " + statement.get("account") + ", its redemptions "
                    + statement.get("pointsTotal") + ", accepted " + redeemedPoints + " tenths");
        }
        if (!Boolean.TRUE.equals(statement.get("balanced"))) {
            problems.add("the market's statement does not balance: " + statement);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>)
                object(get(s.base(), MARKET_API + "/markets/" + s.market() + "/items", s.token())
                                .body())
                        .get("items");
        for (Map<String, Object> item : items) {
            long id = number(item.get("id"));
            long want = MARKET_STOCK - taken.getOrDefault(id, 0L);
            if (number(item.get("onHand")) != want) {
                problems.add(
                        "item " + item.get("name") + " has " + item.get("onHand") + " on hand, acknowledged " + want);
            }
        }
        // Every posted time-bank deposit, manual transfer and adjustment has exactly one audit row
        // (written in its transaction), and no audit row names a request that was not posted.
        Map<Route, Long> audited = new LinkedHashMap<>();
        List<String> pluginPostings = new ArrayList<>();
        for (Route path : Route.values()) { // LEDGER first: it collects the plugin's postings for MARKET
            audited.put(path, audits(s, path, known.values(), problems, pluginPostings));
        }
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
                        + " audited once each: %d time-bank deposits, %d manual transfers, %d adjustments (%d"
                        + " adjustments in flight resent);"
                        + " market: %d redemptions accepted, %d refused (out of stock, not enough points), %d in flight resent; %s points in its account, stock"
                        + " matches; reconciliation ok=%s (%s transfers, %s entries); %d problems%n",
                known.size(),
                posted,
                refused,
                known.values().stream().filter(k -> k.inflight).count(),
                committedBeforeKill,
                postedOnResend,
                replays.get(),
                actual.size(),
                audited.get(Route.TIME_BANK),
                audited.get(Route.LEDGER),
                audited.get(Route.ADJUSTMENT),
                adjustmentsResent,
                redeemed,
                marketRefused,
                marketResent,
                statement.get("account"),
                result.get("ok"),
                result.get("transfers"),
                result.get("entries"),
                problems.size());
        problems.stream().limit(20).forEach(p -> System.out.println("  VIOLATION " + p));
        return problems.isEmpty();
    }

    /**
     * Checks that every request of the path that was posted has exactly one audit row of the path's
     * action, naming its ledger request, and that no such row names another request; answers how
     * many posted requests were checked.
     */
    private static long audits(
            State s, Route path, Iterable<Known> known, List<String> problems, List<String> pluginPostings)
            throws IOException, InterruptedException {
        String action =
                switch (path) {
                    case TIME_BANK -> "TIME_BANK_DEPOSIT";
                    case LEDGER -> "LEDGER_POSTED";
                    case ADJUSTMENT -> "POINTS_ADJUSTED";
                    case MARKET -> "PLUGIN_LEIFENG_MARKET_GOODS_REDEEMED";
                };
        Map<String, Integer> audited = new HashMap<>();
        for (Map<String, Object> row : auditRows(s, action)) {
            String detail = String.valueOf(row.get("detail"));
            if (path == Route.LEDGER && (detail.contains(" key=plugin:") || detail.contains(" undo unit="))) {
                pluginPostings.add(detail); // the market's postings (and undoings): checked with MARKET
                continue;
            }
            String request = path == Route.LEDGER || path == Route.MARKET
                    ? String.valueOf(row.get("targetId"))
                    : String.valueOf(row.get("detail")).replaceAll(".* ", "");
            audited.merge(request, 1, Integer::sum);
        }
        if (path == Route.ADJUSTMENT) {
            s.setupRequests().forEach(audited::remove);
        }
        long posted = 0;
        for (Known k : known) {
            if (k.path == path && k.status == 201) {
                posted++;
                Integer rows = audited.remove(k.requestId);
                if (rows == null || rows != 1) {
                    problems.add(path + " " + k.key + " (request " + k.requestId + ") has " + rows + " audit rows");
                }
            }
        }
        if (path == Route.MARKET) {
            // A redemption cut between the host's commit and the plugin's keeps its audit row (the log
            // is append-only) next to the row of its undoing: no more of them than units undone.
            long undone = auditRows(s, "PLUGIN_UNIT_UNDONE").stream()
                    .filter(row -> String.valueOf(row.get("detail")).contains("plugin=" + MARKET_PLUGIN))
                    .count();
            if (audited.size() > undone) {
                problems.add(audited.size() + " redemption audit rows name no accepted redemption, " + undone
                        + " units were undone");
            }
            // The ledger's posting rows of the market: one under each accepted redemption's key (its
            // first try: real, or undone and then posted again under a derived key), the rest from undone units.
            String prefix = " key=plugin:" + MARKET_PLUGIN + ":lfm-" + s.market() + "-";
            Map<String, Integer> byKey = new HashMap<>();
            long redone = 0;
            long undoings = 0;
            for (String detail : pluginPostings) {
                int at = detail.indexOf(prefix);
                if (at >= 0) {
                    byKey.merge(detail.substring(at + prefix.length()), 1, Integer::sum);
                } else if (detail.contains(" key=plugin:" + MARKET_PLUGIN + ":redo:")) {
                    redone++;
                } else if (detail.contains(" undo unit=") && detail.contains("plugin=" + MARKET_PLUGIN)) {
                    undoings++;
                }
            }
            for (Known k : known) {
                if (k.path == Route.MARKET && k.status == 201) {
                    Integer rows = byKey.remove(k.key);
                    if (rows == null || rows != 1) {
                        problems.add("redemption " + k.key + " has " + rows + " ledger posting audit rows");
                    }
                }
            }
            if (byKey.size() > undone || redone > undone || undoings != undone) {
                problems.add("market postings: " + byKey.size() + " of redemptions not accepted, " + redone
                        + " posted again, " + undoings + " undone; " + undone + " units undone");
            }
            return posted;
        }
        audited.forEach(
                (request, rows) -> problems.add(action + " audit row for request " + request + " that was not posted"));
        return posted;
    }

    /** Every audit row of an action, read newest first in pages of 500 (rows are told apart by seq). */
    private static List<Map<String, Object>> auditRows(State s, String action)
            throws IOException, InterruptedException {
        Map<Long, Map<String, Object>> rows = new LinkedHashMap<>();
        String to = "";
        while (true) {
            List<Map<String, Object>> page =
                    list(get(s.base(), "/api/audit?action=" + action + "&limit=500" + to, s.token()));
            int before = rows.size();
            java.time.Instant oldest = null;
            for (Map<String, Object> row : page) {
                rows.put(number(row.get("seq")), row);
                java.time.Instant at = java.time.Instant.parse((String) row.get("at"));
                oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
            }
            if (page.size() < 500 || rows.size() == before) {
                return new ArrayList<>(rows.values());
            }
            // the next page: rows up to the oldest instant of this one, inclusive (seen ones repeat)
            to = "&to=" + oldest.plusNanos(1000);
        }
    }

    /**
     * Resends a request; a redemption answered "try again shortly" (503: its first try was cut between
     * the two commits and the recovery job has not settled it yet) is resent every 5 s until it is decided.
     */
    private static HttpResponse<String> settled(State s, Known k) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (true) {
            HttpResponse<String> r = post(s, k.key, k.moves, k.path);
            if (k.path != Route.MARKET || r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            System.out.println("crash-verify: redemption " + k.key + " waits for the recovery job: " + r.body());
            Thread.sleep(5000);
        }
    }

    /** Points as the market writes them ("12.5") in tenths. */
    private static long tenths(String points) {
        return new java.math.BigDecimal(points).movePointRight(1).longValueExact();
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

    /** A file sent as the multipart part {@code file}. */
    private static HttpResponse<String> upload(String base, String path, String token, Path file)
            throws IOException, InterruptedException {
        String boundary = "crash" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + file.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file),
                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
