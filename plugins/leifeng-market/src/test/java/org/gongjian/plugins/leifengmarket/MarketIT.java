package org.gongjian.plugins.leifengmarket;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The market as built, on a real host (the plugin test kit): markets, goods, donations and
 * redemptions through its API; points move only through the host's ledger; every refusal has its
 * code and changes nothing; under 64 concurrent clients nothing is oversold, no balance goes below
 * zero, no cap is exceeded, and every redemption has exactly one transfer and its stock movements.
 */
class MarketIT {

    static PluginTestHost host;
    static Organization community;
    static Organization elsewhere;
    static Asset vol;
    static Person secretary;
    static Person staff;
    static Person strangerAdmin;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        assertThat(host.install(PluginTestHost.builtJar()).state()).isEqualTo("STARTED");
        community = host.community("雷锋社区");
        elsewhere = host.community("别的社区");
        vol = host.pointKind(community, "VOL", "志愿积分");
        secretary = host.person(Role.ORG_ADMIN, community);
        staff = host.person(Role.ORG_STAFF, community);
        strangerAdmin = host.person(Role.ORG_ADMIN, elsewhere);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void a_redemption_takes_points_and_stock_together_and_a_retry_answers_the_first_result() throws Exception {
        long market = market("幸福超市");
        long oil = item(market, "食用油", "30", 2);
        donate(market, oil, 10);
        long member = host.member(community, "张大妈");
        host.award(vol, community, member, 1000); // 100 points

        String key = "counter-" + UUID.randomUUID();
        var first = redeem(key, market, member, oil, 2);
        var retry = redeem(key, market, member, oil, 2);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(host.json(first.body())).containsEntry("points", "60").containsEntry("replayed", false);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(host.json(retry.body()))
                .containsEntry("replayed", true)
                .containsEntry("transferId", host.json(first.body()).get("transferId"));
        assertThat(host.balance(vol, member)).isEqualTo(400);
        assertThat(onHand(market, oil)).isEqualTo(8);
        assertThat(count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_movement WHERE item_id = ?", oil))
                .as("one IN, one OUT")
                .isEqualTo(2);
        assertThat(host.reconcile().ok()).isTrue();
    }

    @Test
    void every_refusal_has_its_code_and_changes_nothing() throws Exception {
        long market = market("规则超市");
        long oil = item(market, "大米", "5.5", 1);
        donate(market, oil, 2);
        long rich = host.member(community, "李大爷");
        host.award(vol, community, rich, 1000);
        long poor = host.member(community, "王阿姨");
        host.award(vol, community, poor, 20); // 2 points
        long outsider = host.member(elsewhere, "外人");

        assertThat(code(redeem(key(), market, poor, oil, 1))).isEqualTo("MARKET_INSUFFICIENT_POINTS");
        assertThat(code(redeem(key(), market, rich, oil, 2))).isEqualTo("MARKET_CAP_REACHED");
        assertThat(code(redeem(key(), market, outsider, oil, 1))).isEqualTo("MEMBER_NOT_FOUND");
        assertThat(code(redeem(key(), market, rich, oil + 1, 1))).isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(code(redeem(key(), market, rich, oil, 0))).isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(redeem(key(), market, rich, oil, -1))).isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(host.post(
                        staff,
                        redemptions(market),
                        "{\"memberId\":" + rich + ",\"lines\":[{\"itemId\":" + oil + ",\"quantity\":1.5}]}",
                        Map.of("Idempotency-Key", key()))))
                .isEqualTo("INVALID_NUMBER");
        assertThat(code(host.post(
                        staff,
                        redemptions(market),
                        "{\"memberId\":" + rich + ",\"lines\":[{\"itemId\":" + oil + ",\"quantity\":1},{\"itemId\":"
                                + oil + ",\"quantity\":1}]}",
                        Map.of("Idempotency-Key", key()))))
                .isEqualTo("MARKET_ITEM_REPEATED");
        assertThat(code(host.post(
                        staff,
                        redemptions(market),
                        "{\"memberId\":" + rich + ",\"lines\":[{\"itemId\":" + oil + ",\"quantity\":1}]}")))
                .isEqualTo("MARKET_KEY_MISSING");
        assertThat(host.post(
                                strangerAdmin,
                                redemptions(market),
                                "{\"memberId\":" + outsider + ",\"lines\":[{\"itemId\":" + oil + ",\"quantity\":1}]}",
                                Map.of("Idempotency-Key", key()))
                        .statusCode())
                .as("another community's market")
                .isEqualTo(404);
        String used = key();
        assertThat(redeem(used, market, rich, oil, 1).statusCode()).isEqualTo(201);
        assertThat(code(redeem(used, market, poor, oil, 1))).isEqualTo("MARKET_KEY_REUSED");
        assertThat(code(redeem(key(), market, rich, oil, 1))).as("1 a month").isEqualTo("MARKET_CAP_REACHED");
        long another = host.member(community, "赵叔");
        host.award(vol, community, another, 1000);
        assertThat(redeem(key(), market, another, oil, 1).statusCode()).isEqualTo(201);
        long late = host.member(community, "钱婶");
        host.award(vol, community, late, 1000);
        var out = redeem(key(), market, late, oil, 1);
        assertThat(code(out)).isEqualTo("MARKET_OUT_OF_STOCK");
        assertThat((String) host.json(out.body()).get("message")).isEqualTo("“大米”库存不足：还剩 0 袋");

        assertThat(host.balance(vol, poor)).isEqualTo(20);
        assertThat(host.balance(vol, rich)).isEqualTo(945);
        assertThat(host.balance(vol, another)).isEqualTo(945);
        assertThat(host.balance(vol, late)).isEqualTo(1000);
        assertThat(count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_redemption WHERE market_id = ?",
                        market))
                .isEqualTo(2);
        assertThat(onHand(market, oil)).isZero();
        assertThat(code(host.post(
                        secretary,
                        "/api/plugins/leifeng-market/x/markets/" + market + "/items",
                        "{\"name\":\"面粉\",\"category\":\"粮油\",\"unit\":\"袋\",\"price\":1.25}")))
                .as("1.25 points is not rounded")
                .isEqualTo("MARKET_PRICE_INVALID");
    }

    @Test
    void adjustments_and_counts_are_movements_and_the_monthly_statement_balances() throws Exception {
        long market = market("盘点超市");
        long oil = item(market, "菜籽油", "30", null);
        donate(market, oil, 12);
        long member = host.member(community, "孙奶奶");
        host.award(vol, community, member, 1000);
        assertThat(redeem(key(), market, member, oil, 2).statusCode()).isEqualTo(201);
        String base = "/api/plugins/leifeng-market/x/markets/" + market;

        var adjusted =
                host.post(staff, base + "/adjustments", "{\"itemId\":" + oil + ",\"quantity\":-1,\"reason\":\"过期\"}");
        assertThat(adjusted.statusCode()).as(adjusted.body()).isEqualTo(200);
        assertThat(host.json(adjusted.body())).containsEntry("onHand", 9);
        var counted = host.post(staff, base + "/counts", "{\"lines\":[{\"itemId\":" + oil + ",\"counted\":8}]}");
        assertThat(counted.body()).contains("\"difference\":-1");

        assertThat(code(host.post(
                        staff, base + "/adjustments", "{\"itemId\":" + oil + ",\"quantity\":0,\"reason\":\"x\"}")))
                .isEqualTo("MARKET_ADJUST_QUANTITY_INVALID");
        assertThat(code(host.post(
                        staff, base + "/adjustments", "{\"itemId\":" + oil + ",\"quantity\":-100,\"reason\":\"丢失\"}")))
                .isEqualTo("MARKET_ADJUST_BELOW_ZERO");
        assertThat(code(host.post(
                        staff, base + "/adjustments", "{\"itemId\":" + oil + ",\"quantity\":1,\"reason\":\" \"}")))
                .isEqualTo("MARKET_REASON_INVALID");
        assertThat(code(host.get(staff, base + "/statement?month=2026-13"))).isEqualTo("MARKET_MONTH_INVALID");
        assertThat(code(host.get(staff, base + "/statement?month=12/2026"))).isEqualTo("MARKET_MONTH_INVALID");

        var statement = host.get(staff, base + "/statement");
        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);
        Map<String, Object> books = host.json(statement.body());
        assertThat(books)
                .containsEntry("balanced", true)
                .containsEntry("pointsRedeemed", "60")
                .containsEntry("account", "60");
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) books.get("items")).getFirst();
        assertThat(line)
                .containsEntry("opening", 0)
                .containsEntry("received", 12)
                .containsEntry("redeemed", 2)
                .containsEntry("adjusted", -2)
                .containsEntry("closing", 8)
                .containsEntry("onHand", 8)
                .containsEntry("balanced", true);
    }

    @Test
    void at_the_counter_staff_find_the_resident_set_quantities_and_redeem_once() throws Exception {
        long market = market("柜台超市");
        long soap = item(market, "香皂", "3", null);
        donate(market, soap, 5);
        long member = host.member(community, "周大爷");
        host.award(vol, community, member, 100);
        Component page = host.page(CounterView.class, staff);

        @SuppressWarnings("unchecked")
        Select<Object> chooseMarket = _get(page, Select.class, s -> s.withId("market-counter-market"));
        Object chosen = ComboBoxKt.getSuggestionItems(chooseMarket).stream()
                .filter(m -> m.toString().contains("柜台超市"))
                .findFirst()
                .orElseThrow();
        _setValue(chooseMarket, chosen);
        @SuppressWarnings("unchecked")
        ComboBox<Object> resident = _get(page, ComboBox.class, s -> s.withId("market-counter-member"));
        ComboBoxKt.setUserInput(resident, "周大爷");
        _setValue(resident, ComboBoxKt.getSuggestionItems(resident).getFirst());
        assertThat(_get(page, Span.class, s -> s.withId("market-counter-balance"))
                        .getText())
                .isEqualTo("周大爷 现有 10 积分");
        @SuppressWarnings("unchecked")
        Grid<Object> goods = _get(page, Grid.class, s -> s.withId("market-counter-items"));
        _setValue((IntegerField) GridKt._getCellComponent(goods, 0, "quantity"), 2);
        assertThat(_get(page, Span.class, s -> s.withId("market-counter-total")).getText())
                .isEqualTo("合计：6 积分");

        Button redeem = _get(page, Button.class, s -> s.withId("market-counter-redeem"));
        host.as(staff, () -> _click(redeem));
        host.as(staff, () -> _click(redeem)); // a double tap

        assertThat(host.balance(vol, member)).isEqualTo(40);
        assertThat(onHand(market, soap)).isEqualTo(3);
        assertThat(_get(page, Paragraph.class, s -> s.withId("market-counter-problem"))
                        .getText())
                .isEqualTo("请先选择兑换人和物品");
        assertThat(_get(page, Span.class, s -> s.withId("market-counter-balance"))
                        .getText())
                .isEqualTo("周大爷 现有 4 积分");
    }

    @Test
    void a_volunteer_reserves_on_the_phone_and_staff_collect_with_the_code_once() throws Exception {
        long market = market("预约超市");
        long soap = item(market, "洗衣皂", "3", null);
        donate(market, soap, 5);
        long member = host.member(community, "吴阿姨");
        host.award(vol, community, member, 100);
        Person volunteer = host.person(Role.VOLUNTEER, community, member);
        Component phone = host.page(PhoneView.class, volunteer);
        assertThat(_get(phone, Span.class, s -> s.withId("market-phone-balance"))
                        .getText())
                .isEqualTo("我的积分：10");

        host.as(volunteer, () -> _click(_get(phone, Button.class, s -> s.withId("market-phone-reserve-" + soap))));

        String notice = _get(phone, Paragraph.class, s -> s.withId("market-phone-notice"))
                .getText();
        assertThat(notice).startsWith("已预约，取货码 ");
        String code = notice.substring(notice.length() - 8);
        assertThat(_get(phone, Span.class, s -> s.withId("market-phone-balance"))
                        .getText())
                .isEqualTo("我的积分：7");
        assertThat(host.get(volunteer, "/api/plugins/leifeng-market/x/me/reservations")
                        .body())
                .contains(code);
        assertThat(onHand(market, soap)).isEqualTo(4);

        String pickups = "/api/plugins/leifeng-market/x/markets/" + market + "/pickups";
        var collected = host.post(staff, pickups, "{\"code\":\"" + code.toLowerCase(java.util.Locale.ROOT) + "\"}");
        assertThat(collected.statusCode()).as(collected.body()).isEqualTo(200);
        assertThat(host.json(collected.body())).containsEntry("status", "COLLECTED");
        assertThat(code(host.post(staff, pickups, "{\"code\":\"" + code + "\"}")))
                .isEqualTo("MARKET_CODE_USED");
        long other = market("别的预约超市");
        assertThat(code(host.post(
                        staff,
                        "/api/plugins/leifeng-market/x/markets/" + other + "/pickups",
                        "{\"code\":\"" + code + "\"}")))
                .as("a code of another market")
                .isEqualTo("MARKET_CODE_UNKNOWN");
        assertThat(host.get(volunteer, "/api/plugins/leifeng-market/x/me/reservations")
                        .body())
                .doesNotContain(code);
        assertThat(host.balance(vol, member)).isEqualTo(70);
    }

    @Test
    void a_reservation_not_collected_in_time_is_refunded_and_its_goods_return() throws Exception {
        long market = market("过期超市");
        long rice = item(market, "小米", "4", null);
        donate(market, rice, 3);
        long member = host.member(community, "郑大伯");
        host.award(vol, community, member, 100);
        Person volunteer = host.person(Role.VOLUNTEER, community, member);
        var reserved = host.post(
                volunteer,
                "/api/plugins/leifeng-market/x/markets/" + market + "/reservations",
                "{\"lines\":[{\"itemId\":" + rice + ",\"quantity\":2}]}",
                Map.of("Idempotency-Key", key()));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String code = (String) host.json(reserved.body()).get("code");
        assertThat(host.balance(vol, member)).isEqualTo(20);
        assertThat(onHand(market, rice)).isEqualTo(1);
        // Three days later: the reservation is due.
        execute("UPDATE gjp_leifeng_market.leifeng_market_reservation SET expires_at = NOW(6) - INTERVAL 1 HOUR"
                + " WHERE code = '" + code + "'");

        // The scheduler may have run this 10-minute period already (the suite passed 30 s): run it again.
        execute("DELETE FROM plugin_job_run WHERE plugin_id = 'leifeng-market' AND job_key = 'expire-reservations'");
        host.context().getBean(org.gongjian.plugins.PluginJobs.class).tick();

        assertThat(host.balance(vol, member)).as("refunded by a reversal").isEqualTo(100);
        assertThat(onHand(market, rice)).as("back in stock").isEqualTo(3);
        assertThat(code(host.post(
                        staff,
                        "/api/plugins/leifeng-market/x/markets/" + market + "/pickups",
                        "{\"code\":\"" + code + "\"}")))
                .isEqualTo("MARKET_CODE_EXPIRED");
        var statement = host.get(staff, "/api/plugins/leifeng-market/x/markets/" + market + "/statement");
        assertThat(host.json(statement.body()))
                .containsEntry("balanced", true)
                .containsEntry("pointsTotal", "0")
                .containsEntry("account", "0");
        assertThat(host.reconcile().ok()).isTrue();
    }

    @Test
    void sixty_four_clients_never_oversell_overdraw_or_exceed_a_cap() throws Exception {
        long market = market("抢购超市");
        long oil = item(market, "花生油", "3", 2);
        long rice = item(market, "东北大米", "5", null);
        donate(market, oil, 20);
        donate(market, rice, 40);
        List<Long> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long member = host.member(community, "抢购居民" + i);
            host.award(vol, community, member, 300); // 30 points each: together far more than the stock
            members.add(member);
        }
        int threads = 64;
        int attempts = 25;
        AtomicInteger accepted = new AtomicInteger();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(t);
            work.add(pool.submit(() -> {
                for (int a = 0; a < attempts; a++) {
                    long member = members.get(random.nextInt(members.size()));
                    long item = random.nextBoolean() ? oil : rice;
                    var answer = redeem(key(), market, member, item, 1 + random.nextInt(2));
                    if (answer.statusCode() == 201) {
                        accepted.incrementAndGet();
                    } else {
                        refused.merge(code(answer), 1, Integer::sum);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();

        assertThat(refused.keySet())
                .as("only the named refusals of scarcity: %s", refused)
                .isSubsetOf("MARKET_OUT_OF_STOCK", "MARKET_CAP_REACHED", "MARKET_INSUFFICIENT_POINTS");
        assertThat(accepted.get()).isPositive();
        assertThat(onHand(market, oil)).isBetween(0L, 20L);
        assertThat(onHand(market, rice)).isBetween(0L, 40L);
        assertThat(refused).as("the stock ran out").containsKey("MARKET_OUT_OF_STOCK");
        String schema = "gjp_leifeng_market.";
        assertThat(count(
                        "SELECT COUNT(*) FROM " + schema
                                + "leifeng_market_item i WHERE i.market_id = ? AND i.on_hand <>"
                                + " (SELECT COALESCE(SUM(m.quantity), 0) FROM " + schema
                                + "leifeng_market_movement m WHERE m.item_id = i.id)",
                        market))
                .as("on hand = the sum of the movements")
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM " + schema + "leifeng_market_redemption WHERE market_id = ?", market))
                .isEqualTo(accepted.get());
        assertThat(count(
                        "SELECT COUNT(DISTINCT transfer_id) FROM " + schema
                                + "leifeng_market_redemption WHERE market_id = ?",
                        market))
                .as("one ledger transfer per redemption")
                .isEqualTo(accepted.get());
        assertThat(count(
                        "SELECT COUNT(*) FROM " + schema + "leifeng_market_redemption_line l JOIN " + schema
                                + "leifeng_market_redemption r ON r.id = l.redemption_id LEFT JOIN " + schema
                                + "leifeng_market_movement m ON m.redemption_id = r.id AND m.item_id = l.item_id"
                                + " WHERE r.market_id = ? AND (m.id IS NULL OR m.quantity <> -l.quantity)",
                        market))
                .as("every line has its OUT movement")
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM (SELECT r.member_id, SUM(l.quantity) AS q FROM " + schema
                                + "leifeng_market_redemption_line l JOIN " + schema
                                + "leifeng_market_redemption r ON r.id = l.redemption_id WHERE l.item_id = ?"
                                + " GROUP BY r.member_id, r.month HAVING q > 2) over_cap",
                        oil))
                .as("no member over the oil's cap of 2")
                .isZero();
        for (long member : members) {
            assertThat(host.balance(vol, member)).isBetween(0L, 300L);
        }
        long redeemedTenths = count(
                "SELECT COALESCE(SUM(total_tenths), 0) FROM " + schema
                        + "leifeng_market_redemption WHERE market_id = ?",
                market);
        long balances = members.stream().mapToLong(m -> host.balance(vol, m)).sum();
        assertThat(balances + redeemedTenths).as("points conserved").isEqualTo(12 * 300);
        assertThat(host.reconcile().ok()).isTrue();
        System.out.printf(
                "market under %d clients x %d attempts: %d accepted, refused %s%n",
                threads, attempts, accepted.get(), refused);
    }

    // --- helpers

    private static long market(String name) {
        var answer = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/orgs/" + community.id() + "/markets",
                "{\"name\":\"" + name + "\",\"assetCode\":\"VOL\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return id(answer);
    }

    private static long item(long market, String name, String price, Integer cap) {
        var answer = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/markets/" + market + "/items",
                "{\"name\":\"" + name + "\",\"category\":\"粮油\",\"unit\":\"" + (name.contains("米") ? "袋" : "瓶")
                        + "\",\"price\":" + price + (cap == null ? "" : ",\"monthlyCap\":" + cap) + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return id(answer);
    }

    private static void donate(long market, long item, int quantity) {
        var answer = host.post(
                staff,
                "/api/plugins/leifeng-market/x/markets/" + market + "/donations",
                "{\"donor\":\"幸福超市\",\"receiptNo\":\"JZ-1\",\"lines\":[{\"itemId\":" + item + ",\"quantity\":"
                        + quantity + "}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static HttpResponse<String> redeem(String key, long market, long member, long item, int quantity) {
        return host.post(
                staff,
                redemptions(market),
                "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":" + quantity + "}]}",
                Map.of("Idempotency-Key", key));
    }

    private static String redemptions(long market) {
        return "/api/plugins/leifeng-market/x/markets/" + market + "/redemptions";
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }

    private static long id(HttpResponse<String> answer) {
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static String code(HttpResponse<String> answer) {
        return (String) host.json(answer.body()).get("code");
    }

    private static long onHand(long market, long item) throws Exception {
        return count(
                "SELECT on_hand FROM gjp_leifeng_market.leifeng_market_item WHERE id = ? AND market_id = ?",
                item,
                market);
    }

    private static void execute(String sql) {
        host.execute(sql);
    }

    private static long count(String sql, Object... arguments) {
        return host.count(sql, arguments);
    }
}
