package org.gongjian.plugins.leifengmarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ledger.Asset;
import org.gongjian.members.MemberInput;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may redeem an item (everyone, registered volunteers, members with a tag, residents of the
 * market's subtree), set on the item and refused in the one redemption unit, at the counter and on
 * a reservation alike, with MARKET_NOT_ELIGIBLE naming the item and the rule, and nothing changed.
 */
class EligibilityIT {

    static PluginTestHost host;
    static Organization street;
    static Organization community;
    static Organization grid;
    static Organization neighbour;
    static Asset vol;
    static Person secretary;
    static Person streetStaff;
    static long market;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        assertThat(host.install(PluginTestHost.builtJar()).state()).isEqualTo("STARTED");
        street = host.street("和平街道");
        community = host.community(street, "和平社区");
        neighbour = host.community(street, "隔壁社区");
        grid = host.context()
                .getBean(org.gongjian.organizations.Organizations.class)
                .createChild(community, OrganizationKind.GRID, "和平一网格");
        vol = host.pointKind(street, "VOL", "志愿积分");
        secretary = host.person(Role.ORG_ADMIN, community);
        streetStaff = host.person(Role.ORG_STAFF, street);
        var opened = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/orgs/" + community.id() + "/markets",
                "{\"name\":\"和平超市\",\"assetCode\":\"VOL\"}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        market = id(opened);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void volunteers_only_goods_are_refused_to_other_residents_at_the_counter_and_nothing_changes() {
        long oil = item("志愿者食用油", "{\"eligibility\":\"VOLUNTEERS\"}");
        long resident = member(community, "普通居民", false, List.of());
        long volunteer = member(community, "志愿者老李", true, List.of());

        var refused = redeem(streetStaff, resident, oil);

        assertThat(code(refused)).isEqualTo("MARKET_NOT_ELIGIBLE");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(message(refused)).isEqualTo("“志愿者食用油”仅限注册志愿者兑换");
        assertThat(host.balance(vol, resident)).isEqualTo(1000);
        assertThat(onHand(oil)).isEqualTo(5);
        assertThat(redemptions(resident)).isZero();
        var redeemed = redeem(streetStaff, volunteer, oil);
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(201);
        assertThat(onHand(oil)).isEqualTo(4);
    }

    @Test
    void tagged_goods_go_to_members_with_the_tag_only_and_the_refusal_speaks_english_too() {
        long rice = item("Rice", "{\"eligibility\":\"TAG\",\"eligibilityTag\":\"low-income\"}");
        long other = member(community, "没有标签", false, List.of("党员"));
        long tagged = member(community, "有标签", false, List.of("low-income"));

        var refused = host.post(
                streetStaff,
                "/api/plugins/leifeng-market/x/markets/" + market + "/redemptions",
                lines(other, rice),
                Map.of("Idempotency-Key", key(), "Accept-Language", "en"));

        assertThat(code(refused)).isEqualTo("MARKET_NOT_ELIGIBLE");
        // (the host answers an English message with Chinese in it by its generic text: English names here)
        assertThat(message(refused)).isEqualTo("\"Rice\" is for members tagged \"low-income\" only");
        assertThat(message(redeem(streetStaff, other, rice))).isEqualTo("“Rice”仅限带“low-income”标签的居民兑换");
        assertThat(redeem(streetStaff, tagged, rice).statusCode()).isEqualTo(201);
        assertThat(onHand(rice)).isEqualTo(4);
        assertThat(host.balance(vol, other)).isEqualTo(1000);
    }

    @Test
    void residents_goods_go_to_the_market_subtree_grid_included_and_not_to_the_neighbours() {
        long soap = item("本社区香皂", "{\"eligibility\":\"RESIDENTS\"}");
        long inGrid = member(grid, "网格居民", false, List.of());
        long next = member(neighbour, "隔壁居民", false, List.of());

        var refused = redeem(streetStaff, next, soap);

        assertThat(code(refused)).isEqualTo("MARKET_NOT_ELIGIBLE");
        assertThat(message(refused)).isEqualTo("“本社区香皂”仅限和平社区的居民兑换");
        assertThat(redeem(streetStaff, inGrid, soap).statusCode()).isEqualTo(201);
        assertThat(host.balance(vol, next)).isEqualTo(1000);
        assertThat(onHand(soap)).isEqualTo(4);
    }

    @Test
    void a_reservation_on_the_phone_meets_the_same_rule_and_nothing_is_held() {
        long towel = item("志愿者毛巾", "{\"eligibility\":\"VOLUNTEERS\"}");
        long resident = member(community, "手机居民", false, List.of());
        Person phone = host.person(Role.VOLUNTEER, community, resident);

        var refused = host.post(
                phone,
                "/api/plugins/leifeng-market/x/markets/" + market + "/reservations",
                "{\"lines\":[{\"itemId\":" + towel + ",\"quantity\":1}]}",
                Map.of("Idempotency-Key", key()));

        assertThat(code(refused)).isEqualTo("MARKET_NOT_ELIGIBLE");
        assertThat(message(refused)).isEqualTo("“志愿者毛巾”仅限注册志愿者兑换");
        assertThat(host.balance(vol, resident)).isEqualTo(1000);
        assertThat(onHand(towel)).isEqualTo(5);
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_reservation WHERE member_id = ?",
                        resident))
                .isZero();
    }

    @Test
    void the_rule_is_changed_on_the_item_and_applies_from_the_next_redemption() {
        long milk = item("牛奶", "{}");
        long resident = member(community, "改规则居民", false, List.of());
        assertThat(redeem(streetStaff, resident, milk).statusCode()).isEqualTo(201);

        var edited = host.put(
                secretary,
                "/api/plugins/leifeng-market/x/markets/" + market + "/items/" + milk,
                "{\"name\":\"牛奶\",\"category\":\"日用\",\"unit\":\"盒\",\"price\":1,\"eligibility\":\"VOLUNTEERS\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(host.json(edited.body())).containsEntry("eligibility", "VOLUNTEERS");

        assertThat(code(redeem(streetStaff, resident, milk))).isEqualTo("MARKET_NOT_ELIGIBLE");
        assertThat(onHand(milk)).isEqualTo(4);
    }

    @Test
    void a_rule_that_makes_no_sense_is_refused_with_its_code() {
        String items = "/api/plugins/leifeng-market/x/markets/" + market + "/items";
        assertThat(
                        code(
                                host.post(
                                        secretary,
                                        items,
                                        "{\"name\":\"规则1\",\"category\":\"日用\",\"unit\":\"个\",\"price\":1,\"eligibility\":\"FRIENDS\"}")))
                .isEqualTo("MARKET_ELIGIBILITY_INVALID");
        assertThat(code(host.post(
                        secretary,
                        items,
                        "{\"name\":\"规则2\",\"category\":\"日用\",\"unit\":\"个\",\"price\":1,\"eligibility\":\"TAG\"}")))
                .isEqualTo("MARKET_TAG_INVALID");
        assertThat(code(host.post(
                        secretary,
                        items,
                        "{\"name\":\"规则3\",\"category\":\"日用\",\"unit\":\"个\",\"price\":1,"
                                + "\"eligibility\":\"VOLUNTEERS\",\"eligibilityTag\":\"低保户\"}")))
                .as("a tag is not silently dropped")
                .isEqualTo("MARKET_ELIGIBILITY_INVALID");
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_item WHERE market_id = ? AND name LIKE ?",
                        market,
                        "规则%"))
                .isZero();
    }

    // --- helpers

    /** An item of 1 point with 5 in stock, with the eligibility fields of {@code rule}. */
    private static long item(String name, String rule) {
        String fields = rule.substring(1, rule.length() - 1);
        var added = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/markets/" + market + "/items",
                "{\"name\":\"" + name + "\",\"category\":\"日用\",\"unit\":\"个\",\"price\":1"
                        + (fields.isEmpty() ? "" : "," + fields) + "}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        long id = id(added);
        var donated = host.post(
                secretary,
                "/api/plugins/leifeng-market/x/markets/" + market + "/donations",
                "{\"donor\":\"和平商户\",\"lines\":[{\"itemId\":" + id + ",\"quantity\":5}]}");
        assertThat(donated.statusCode()).as(donated.body()).isEqualTo(201);
        return id;
    }

    /** A member with 100 points. */
    private static long member(Organization at, String name, boolean volunteer, List<String> tags) {
        long id = host.context()
                .getBean(org.gongjian.members.Members.class)
                .create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(at.id())
                                .name(name)
                                .volunteer(volunteer)
                                .tags(tags)
                                .build())
                .id();
        host.award(vol, street, id, 1000);
        return id;
    }

    private static HttpResponse<String> redeem(Person who, long member, long item) {
        return host.post(
                who,
                "/api/plugins/leifeng-market/x/markets/" + market + "/redemptions",
                lines(member, item),
                Map.of("Idempotency-Key", key()));
    }

    private static String lines(long member, long item) {
        return "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + item + ",\"quantity\":1}]}";
    }

    private static long onHand(long item) {
        return host.count("SELECT on_hand FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", item);
    }

    private static long redemptions(long member) {
        return host.count(
                "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_redemption WHERE member_id = ?", member);
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

    private static String message(HttpResponse<String> answer) {
        return (String) host.json(answer.body()).get("message");
    }
}
