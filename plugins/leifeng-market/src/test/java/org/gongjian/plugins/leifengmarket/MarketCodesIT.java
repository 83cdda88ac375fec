package org.gongjian.plugins.leifengmarket;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.organizations.Organization;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * QR codes at the market, on a real host: the phone shows each pickup code as a QR code; at the
 * counter one scanner input takes a member's code (that resident is chosen) or a pickup code (the
 * reservation is handed out, 核销, and the page says what to hand over), and answers a used code, a
 * re-issued member's code, a member of another community and anything else in words.
 */
class MarketCodesIT {

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
        community = host.community("扫码社区");
        elsewhere = host.community("扫码别的社区");
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
    void the_phone_shows_the_pickup_code_as_a_qr_code_and_the_counter_hands_it_out_once() {
        long market = market("扫码超市");
        long soap = item(market, "洗衣皂", "3");
        donate(market, soap, 5);
        long member = host.member(community, "吴阿姨");
        host.award(vol, community, member, 100);
        Person volunteer = host.person(Role.VOLUNTEER, community, member);
        var reserved = host.post(
                volunteer,
                "/api/plugins/leifeng-market/x/markets/" + market + "/reservations",
                "{\"lines\":[{\"itemId\":" + soap + ",\"quantity\":2}]}",
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        String code = (String) host.json(reserved.body()).get("code");

        Component phone = host.page(PhoneView.class, volunteer);
        Image qr = _get(phone, Image.class, s -> s.withId("market-phone-qr-" + code));
        String src = qr.getSrc();
        assertThat(src).startsWith("data:image/svg+xml;base64,");
        String svg =
                new String(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg").contains("viewBox").contains("<path");
        assertThat(qr.getAlt()).hasValue("取货码 " + code + " 的二维码");

        Component counter = counter("扫码超市");
        scan(counter, " " + code.toLowerCase(Locale.ROOT) + "\n");

        assertThat(scanned(counter)).isEqualTo("已核销：请把 洗衣皂 × 2 瓶 交给 吴阿姨");
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_reservation"
                                + " WHERE code = ? AND status = 'COLLECTED' AND closed_by = ?",
                        code,
                        staff.userId()))
                .isEqualTo(1);
        assertThat(_get(counter, TextField.class, s -> s.withId("market-counter-scan"))
                        .getValue())
                .as("the input is ready for the next scan")
                .isEmpty();

        scan(counter, code);

        assertThat(problem(counter)).isEqualTo("这个取货码已经取过货了");
        _assertNone(counter, Paragraph.class, s -> s.withId("market-counter-scanned"));
    }

    @Test
    void a_scanned_member_code_chooses_that_resident_and_a_replaced_one_is_refused_in_words() {
        long market = market("会员码超市");
        long member = host.member(community, "周大爷");
        host.award(vol, community, member, 100);
        String card = memberCode(staff, member);
        Component counter = counter("会员码超市");

        scan(counter, card);

        @SuppressWarnings("unchecked")
        ComboBox<Object> resident = _get(counter, ComboBox.class, s -> s.withId("market-counter-member"));
        assertThat(((MemberRef) resident.getValue()).id()).isEqualTo(member);
        assertThat(scanned(counter)).isEqualTo("已选择兑换人：周大爷");
        assertThat(_get(counter, Span.class, s -> s.withId("market-counter-balance"))
                        .getText())
                .isEqualTo("周大爷 现有 10 积分");

        var reissued = host.post(staff, "/api/members/" + member + "/member-code/reissue", "{}");
        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(200);
        scan(counter, card);
        assertThat(problem(counter)).isEqualTo("这张会员码已作废（已重新签发），请成员出示新的会员码");

        // The touch button does what the scanner's Enter does.
        resident.clear();
        _get(counter, TextField.class, s -> s.withId("market-counter-scan")).setValue(memberCode(staff, member));
        host.as(staff, () -> _click(_get(counter, Button.class, s -> s.withId("market-counter-scan-go"))));
        assertThat(scanned(counter)).isEqualTo("已选择兑换人：周大爷");
        assertThat(((MemberRef) resident.getValue()).id()).isEqualTo(member);
    }

    @Test
    void a_member_of_another_community_and_anything_else_are_answered_in_words() {
        long market = market("乱码超市");
        long stranger = host.member(elsewhere, "别处的人");
        String theirs = memberCode(strangerAdmin, stranger);
        Component counter = counter("乱码超市");

        scan(counter, theirs);
        assertThat(problem(counter)).isEqualTo("这张会员码的主人不在您管理的社区，或已不在册");
        @SuppressWarnings("unchecked")
        ComboBox<Object> resident = _get(counter, ComboBox.class, s -> s.withId("market-counter-member"));
        assertThat(resident.getValue()).isNull();

        for (String garbage : new String[] {"hello", "6901234567892", theirs.substring(0, 30), "张三"}) {
            scan(counter, garbage);
            assertThat(problem(counter)).as(garbage).isEqualTo("无法识别这个码：请扫描居民的会员码或手机上的取货码");
        }
        scan(counter, "ABCD2345");
        assertThat(problem(counter)).as("a pickup code no one holds").isEqualTo("没有这个取货码");
        assertThat(market).isPositive();
    }

    // --- helpers

    /** What a hand scanner does: types the text into the focused input, then Enter commits it. */
    private static void scan(Component counter, String text) {
        TextField input = _get(counter, TextField.class, s -> s.withId("market-counter-scan"));
        host.as(staff, () -> _setValue(input, text));
    }

    private static String scanned(Component counter) {
        Paragraph shown = _get(counter, Paragraph.class, s -> s.withId("market-counter-scanned"));
        assertThat(shown.isVisible()).isTrue();
        return shown.getText();
    }

    private static String problem(Component counter) {
        Paragraph shown = _get(counter, Paragraph.class, s -> s.withId("market-counter-scan-problem"));
        assertThat(shown.isVisible()).isTrue();
        return shown.getText();
    }

    private static Component counter(String marketName) {
        Component page = host.page(CounterView.class, staff);
        @SuppressWarnings("unchecked")
        Select<Object> chooseMarket = _get(page, Select.class, s -> s.withId("market-counter-market"));
        Object chosen = ComboBoxKt.getSuggestionItems(chooseMarket).stream()
                .filter(m -> m.toString().contains(marketName))
                .findFirst()
                .orElseThrow();
        _setValue(chooseMarket, chosen);
        return page;
    }

    private static String memberCode(Person who, long member) {
        var answer = host.get(who, "/api/members/" + member + "/member-code");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return (String) host.json(answer.body()).get("text");
    }

    private static long market(String name) {
        var answer = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/orgs/" + community.id() + "/markets",
                "{\"name\":\"" + name + "\",\"assetCode\":\"VOL\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static long item(long market, String name, String price) {
        var answer = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/markets/" + market + "/items",
                "{\"name\":\"" + name + "\",\"category\":\"日用\",\"unit\":\"瓶\",\"price\":" + price + "}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static void donate(long market, long item, int quantity) {
        var answer = host.post(
                staff,
                "/api/plugins/leifeng-market/x/markets/" + market + "/donations",
                "{\"donor\":\"扫码商户\",\"receiptNo\":\"JZ-9\",\"lines\":[{\"itemId\":" + item + ",\"quantity\":"
                        + quantity + "}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
}
