package org.gongjian.plugins.leifengmarket;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's endpoints on a real host: editing, switching items on and off, photos, donations
 * with donor kinds and expiry dates, purchases, an item's movements and the statement that shows
 * purchases apart from donations. Each bad request answers its stable code and changes nothing.
 */
class CatalogueApiIT {

    static final String X = "/api/plugins/leifeng-market/x/";

    static PluginTestHost host;
    static Organization community;
    static Organization elsewhere;
    static Person secretary;
    static Person staff;
    static Person strangerAdmin;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        assertThat(host.install(PluginTestHost.builtJar()).state()).isEqualTo("STARTED");
        community = host.community("目录社区");
        elsewhere = host.community("远方社区");
        host.pointKind(community, "VOL", "志愿积分");
        secretary = host.person(Role.ORG_ADMIN, community);
        staff = host.person(Role.ORG_STAFF, community);
        strangerAdmin = host.person(Role.ORG_ADMIN, elsewhere);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void an_item_is_edited_and_an_over_precise_price_or_a_bad_cap_is_refused_with_nothing_changed() {
        long market = market("编辑超市");
        long oil = item(market, "花生油", "30");
        String path = X + "markets/" + market + "/items/" + oil;

        var edited = host.put(
                secretary,
                path,
                "{\"name\":\"压榨花生油\",\"category\":\"粮油\",\"unit\":\"桶\",\"price\":12.5,\"monthlyCap\":3}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(host.json(edited.body()))
                .containsEntry("name", "压榨花生油")
                .containsEntry("price", "12.5")
                .containsEntry("monthlyCap", 3)
                .containsEntry("unit", "桶");

        assertThat(code(host.put(secretary, path, body("压榨花生油", "1.25", null))))
                .as("1.25 is not rounded")
                .isEqualTo("MARKET_PRICE_INVALID");
        assertThat(code(host.put(secretary, path, body("压榨花生油", "0", null)))).isEqualTo("MARKET_PRICE_INVALID");
        assertThat(code(host.put(secretary, path, body("压榨花生油", "-3", null)))).isEqualTo("MARKET_PRICE_INVALID");
        assertThat(code(host.put(secretary, path, body("压榨花生油", "5", "0")))).isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(host.put(secretary, path, body("压榨花生油", "5", "1.5")))).isEqualTo("INVALID_NUMBER");
        assertThat(code(host.put(secretary, path, body("", "5", null)))).isEqualTo("MARKET_NAME_INVALID");
        assertThat(
                        code(
                                host.put(
                                        secretary,
                                        path,
                                        "{\"name\":\"x\",\"category\":\"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一\",\"unit\":\"个\",\"price\":1}")))
                .as("a category longer than its column")
                .isEqualTo("MARKET_NAME_INVALID");
        long other = item(market, "大豆油", "20");
        assertThat(code(host.put(secretary, path, body("大豆油", "5", null)))).isEqualTo("MARKET_ITEM_NAME_TAKEN");
        assertThat(code(host.put(secretary, X + "markets/" + market + "/items/" + (other + 999), body("新", "5", null))))
                .isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(host.put(strangerAdmin, path, body("抢走", "5", null)).statusCode())
                .as("another community's market")
                .isEqualTo(404);
        assertThat(host.put(staff, path, body("员工改", "5", null)).statusCode())
                .as("staff do not edit the catalogue")
                .isEqualTo(403);

        assertThat(host.count("SELECT price_tenths FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", oil))
                .isEqualTo(125);
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_item WHERE id = ? AND name = ?",
                        oil,
                        "压榨花生油"))
                .isEqualTo(1);
        assertThat(audits("ITEM_EDITED", oil)).isEqualTo(1);
    }

    @Test
    void an_item_taken_off_the_shelf_is_refused_at_the_counter_and_offered_again() {
        long market = market("上下架超市");
        long soap = item(market, "肥皂", "2");
        donate(market, soap, 3);
        long member = host.member(community, "上下架居民");
        String base = X + "markets/" + market + "/items/" + soap;

        var off = host.post(secretary, base + "/deactivate", "");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(host.json(off.body())).containsEntry("active", false);
        assertThat(code(host.post(
                        staff,
                        X + "markets/" + market + "/redemptions",
                        "{\"memberId\":" + member + ",\"lines\":[{\"itemId\":" + soap + ",\"quantity\":1}]}",
                        Map.of("Idempotency-Key", "k-" + java.util.UUID.randomUUID()))))
                .isEqualTo("MARKET_ITEM_INACTIVE");
        assertThat(host.post(secretary, base + "/deactivate", "").statusCode())
                .as("twice is fine")
                .isEqualTo(200);
        assertThat(audits("ITEM_DEACTIVATED", soap))
                .as("audited once: the second changed nothing")
                .isEqualTo(1);

        var on = host.post(secretary, base + "/activate", "");
        assertThat(host.json(on.body())).containsEntry("active", true).containsEntry("onHand", 3);
        assertThat(audits("ITEM_ACTIVATED", soap)).isEqualTo(1);
        assertThat(host.post(strangerAdmin, base + "/deactivate", "").statusCode())
                .isEqualTo(404);
        assertThat(code(host.post(secretary, X + "markets/" + market + "/items/" + (soap + 777) + "/deactivate", "")))
                .isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(host.count("SELECT active FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", soap))
                .isEqualTo(1);
    }

    @Test
    void a_photo_is_checked_by_its_bytes_stored_in_the_database_and_served_back() {
        long market = market("照片超市");
        long cup = item(market, "水杯", "20");
        String photo = X + "markets/" + market + "/items/" + cup + "/photo";
        assertThat(code(host.get(staff, photo))).isEqualTo("MARKET_NO_PHOTO");

        byte[] png = png(8, 6);
        var set = host.put(
                secretary, photo, "{\"content\":\"" + Base64.getEncoder().encodeToString(png) + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(host.json(set.body())).containsEntry("hasPhoto", true);

        var got = host.get(staff, photo);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(host.json(got.body()))
                .containsEntry("contentType", "image/png")
                .containsEntry("size", png.length);
        assertThat(Base64.getDecoder().decode((String) host.json(got.body()).get("content")))
                .isEqualTo(png);
        Person volunteer = host.person(Role.VOLUNTEER, community, host.member(community, "看照片的人"));
        assertThat(host.get(volunteer, photo).statusCode())
                .as("the phone page's readers")
                .isEqualTo(200);
        assertThat(host.get(strangerAdmin, photo).statusCode()).isEqualTo(404);

        long before = host.count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_photo");
        String text = Base64.getEncoder().encodeToString("这不是图片".getBytes(StandardCharsets.UTF_8));
        assertThat(code(host.put(secretary, photo, "{\"content\":\"" + text + "\"}")))
                .as("a text file")
                .isEqualTo("MARKET_PHOTO_INVALID");
        byte[] header = java.util.Arrays.copyOf(png, 16);
        assertThat(code(host.put(
                        secretary,
                        photo,
                        "{\"content\":\"" + Base64.getEncoder().encodeToString(header) + "\"}")))
                .as("a PNG signature without an image")
                .isEqualTo("MARKET_PHOTO_INVALID");
        assertThat(code(host.put(secretary, photo, "{\"content\":\"not base64!\"}")))
                .isEqualTo("MARKET_PHOTO_INVALID");
        assertThat(code(host.put(secretary, photo, "{\"content\":\"\"}"))).isEqualTo("MARKET_PHOTO_INVALID");
        assertThat(host.put(
                                strangerAdmin,
                                photo,
                                "{\"content\":\"" + Base64.getEncoder().encodeToString(png) + "\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(host.count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_photo"))
                .isEqualTo(before);
        assertThat(Base64.getDecoder().decode((String)
                        host.json(host.get(staff, photo).body()).get("content")))
                .as("still the first photo")
                .isEqualTo(png);
        assertThat(audits("ITEM_PHOTO_SET", cup)).isEqualTo(1);
    }

    @Test
    void donations_carry_the_donor_kind_and_expiry_and_are_listed_newest_first() {
        long market = market("捐赠超市");
        long milk = item(market, "牛奶", "5");
        long member = host.member(community, "捐赠的居民");
        String donations = X + "markets/" + market + "/donations";
        String later = LocalDate.now().plusMonths(6).toString();

        var first = host.post(
                staff,
                donations,
                "{\"donorKind\":\"UNIT\",\"donor\":\"街道办\",\"receiptNo\":\"JZ-2026-001\",\"lines\":[{\"itemId\":" + milk
                        + ",\"quantity\":10,\"expiresOn\":\"" + later + "\"}]}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        var second = host.post(
                staff,
                donations,
                "{\"donorKind\":\"RESIDENT\",\"donor\":\"捐赠的居民\",\"donorMemberId\":" + member
                        + ",\"lines\":[{\"itemId\":" + milk + ",\"quantity\":2}]}");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

        var list = host.get(staff, donations);
        assertThat(list.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) host.json(list.body()).get("donations");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("donorKind", "RESIDENT").containsEntry("items", 2);
        assertThat(rows.get(1))
                .containsEntry("donorKind", "UNIT")
                .containsEntry("donor", "街道办")
                .containsEntry("receiptNo", "JZ-2026-001");
        assertThat(list.body()).contains("\"expiresOn\":\"" + later + "\"");

        long movements = movements(milk);
        String line = ",\"lines\":[{\"itemId\":" + milk + ",\"quantity\":1}]}";
        assertThat(code(host.post(staff, donations, "{\"donorKind\":\"FRIEND\",\"donor\":\"某人\"" + line)))
                .isEqualTo("MARKET_DONOR_KIND_INVALID");
        assertThat(code(host.post(
                        staff,
                        donations,
                        "{\"donorKind\":\"MERCHANT\",\"donor\":\"某店\",\"donorMemberId\":" + member + line)))
                .isEqualTo("MARKET_DONOR_KIND_INVALID");
        assertThat(code(host.post(
                        staff,
                        donations,
                        "{\"donor\":\"某店\",\"lines\":[{\"itemId\":" + milk + ",\"quantity\":1,\"expiresOn\":\""
                                + LocalDate.now().minusDays(2) + "\"}]}")))
                .as("goods already expired")
                .isEqualTo("MARKET_EXPIRY_INVALID");
        assertThat(code(host.post(
                        staff, donations, "{\"donor\":\"某店\",\"lines\":[{\"itemId\":" + milk + ",\"quantity\":0}]}")))
                .isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(host.post(
                        staff, donations, "{\"donor\":\"某店\",\"lines\":[{\"itemId\":" + milk + ",\"quantity\":-4}]}")))
                .isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(host.post(
                        staff,
                        donations,
                        "{\"donor\":\"某店\",\"lines\":[{\"itemId\":" + (milk + 5) + ",\"quantity\":1}]}")))
                .isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(code(host.post(
                        staff, donations, "{\"donor\":\"某店\",\"receiptNo\":\"" + "X".repeat(41) + "\"" + line)))
                .isEqualTo("MARKET_RECEIPT_INVALID");
        String text = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(code(host.post(staff, donations, "{\"donor\":\"某店\",\"photo\":\"" + text + "\"" + line)))
                .isEqualTo("MARKET_PHOTO_INVALID");
        assertThat(host.post(strangerAdmin, donations, "{\"donor\":\"某店\"" + line)
                        .statusCode())
                .isEqualTo(404);
        assertThat(host.get(strangerAdmin, donations).statusCode()).isEqualTo(404);
        assertThat(movements(milk)).as("no refused donation moved stock").isEqualTo(movements);
        assertThat(onHand(milk)).isEqualTo(12);
    }

    @Test
    void purchases_come_in_apart_from_donations_and_the_statement_balances_with_both() {
        long market = market("采购超市");
        long rice = item(market, "大米", "5");
        donate(market, rice, 10);
        String purchases = X + "markets/" + market + "/purchases";

        var bought = host.post(
                staff,
                purchases,
                "{\"supplier\":\"联华超市\",\"amount\":356.80,\"receiptNo\":\"CG-1\",\"lines\":[{\"itemId\":" + rice
                        + ",\"quantity\":4}]}");
        assertThat(bought.statusCode()).as(bought.body()).isEqualTo(201);
        assertThat(host.json(bought.body())).containsEntry("amount", "356.80").containsEntry("items", 4);
        var adjusted = host.post(
                staff,
                X + "markets/" + market + "/adjustments",
                "{\"itemId\":" + rice + ",\"quantity\":-1,\"reason\":\"损坏：袋子破了\"}");
        assertThat(adjusted.statusCode()).as(adjusted.body()).isEqualTo(200);

        var statement = host.json(
                host.get(staff, X + "markets/" + market + "/statement").body());
        assertThat(statement).containsEntry("balanced", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) statement.get("items")).getFirst();
        assertThat(line)
                .containsEntry("opening", 0)
                .containsEntry("donated", 10)
                .containsEntry("purchased", 4)
                .containsEntry("received", 14)
                .containsEntry("adjusted", -1)
                .containsEntry("closing", 13)
                .containsEntry("onHand", 13);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>)
                host.json(host.get(staff, purchases).body()).get("purchases");
        assertThat(listed)
                .singleElement()
                .satisfies(p -> assertThat(p).containsEntry("supplier", "联华超市").containsEntry("receiptNo", "CG-1"));

        String lines = ",\"lines\":[{\"itemId\":" + rice + ",\"quantity\":1}]}";
        assertThat(code(host.post(staff, purchases, "{\"supplier\":\"店\",\"amount\":12.345" + lines)))
                .as("a tenth of a fen is not rounded")
                .isEqualTo("MARKET_AMOUNT_INVALID");
        assertThat(code(host.post(staff, purchases, "{\"supplier\":\"店\",\"amount\":0" + lines)))
                .isEqualTo("MARKET_AMOUNT_INVALID");
        assertThat(code(host.post(staff, purchases, "{\"supplier\":\"店\",\"amount\":-5" + lines)))
                .isEqualTo("MARKET_AMOUNT_INVALID");
        assertThat(code(host.post(staff, purchases, "{\"supplier\":\" \",\"amount\":5" + lines)))
                .isEqualTo("MARKET_SUPPLIER_INVALID");
        assertThat(code(host.post(
                        staff,
                        purchases,
                        "{\"supplier\":\"店\",\"amount\":5,\"lines\":[{\"itemId\":" + rice + ",\"quantity\":0}]}")))
                .isEqualTo("MARKET_QUANTITY_INVALID");
        assertThat(code(host.post(staff, purchases, "{\"supplier\":\"店\",\"amount\":5,\"lines\":[]}")))
                .isEqualTo("MARKET_NO_LINES");
        assertThat(code(host.post(
                        staff,
                        purchases,
                        "{\"supplier\":\"店\",\"amount\":5,\"lines\":[{\"itemId\":1,\"quantity\":1}]}")))
                .isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(host.post(strangerAdmin, purchases, "{\"supplier\":\"店\",\"amount\":5" + lines)
                        .statusCode())
                .isEqualTo(404);
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_purchase WHERE market_id = ?", market))
                .isEqualTo(1);
        assertThat(onHand(rice)).isEqualTo(13);
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_movement WHERE kind = 'PURCHASE' AND item_id = ?",
                        rice))
                .isEqualTo(1);
        assertThat(audits("GOODS_PURCHASED", null)).isPositive();
    }

    @Test
    void an_item_s_latest_movements_are_listed_newest_first() {
        long market = market("流水超市");
        long tea = item(market, "茶叶", "8");
        donate(market, tea, 6);
        host.post(
                staff,
                X + "markets/" + market + "/adjustments",
                "{\"itemId\":" + tea + ",\"quantity\":-2,\"reason\":\"过期：过了保质期\"}");

        var answer = host.get(staff, X + "markets/" + market + "/items/" + tea + "/movements");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows =
                (List<Map<String, Object>>) host.json(answer.body()).get("movements");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("kind", "ADJUST").containsEntry("quantity", -2);
        assertThat(rows.get(1)).containsEntry("kind", "IN").containsEntry("quantity", 6);
        assertThat(code(host.get(staff, X + "markets/" + market + "/items/" + (tea + 3) + "/movements")))
                .isEqualTo("MARKET_ITEM_NOT_FOUND");
        assertThat(host.get(strangerAdmin, X + "markets/" + market + "/items/" + tea + "/movements")
                        .statusCode())
                .isEqualTo(404);
    }

    // --- helpers

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xCC3333);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String body(String name, String price, String cap) {
        return "{\"name\":\"" + name + "\",\"category\":\"粮油\",\"unit\":\"瓶\",\"price\":" + price
                + (cap == null ? "" : ",\"monthlyCap\":" + cap) + "}";
    }

    private static long market(String name) {
        var answer = host.post(
                secretary,
                X + "orgs/" + community.id() + "/markets",
                "{\"name\":\"" + name + "\",\"assetCode\":\"VOL\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return id(answer);
    }

    private static long item(long market, String name, String price) {
        var answer = host.post(secretary, X + "markets/" + market + "/items", body(name, price, null));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return id(answer);
    }

    private static void donate(long market, long item, int quantity) {
        var answer = host.post(
                staff,
                X + "markets/" + market + "/donations",
                "{\"donor\":\"幸福超市\",\"lines\":[{\"itemId\":" + item + ",\"quantity\":" + quantity + "}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private static long onHand(long item) {
        return host.count("SELECT on_hand FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", item);
    }

    private static long movements(long item) {
        return host.count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_movement WHERE item_id = ?", item);
    }

    private static long audits(String what, Long item) {
        String action = "PLUGIN_LEIFENG_MARKET_" + what;
        return item == null
                ? host.count("SELECT COUNT(*) FROM audit_log WHERE action = ?", action)
                : host.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", action, item);
    }

    private static long id(HttpResponse<String> answer) {
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static String code(HttpResponse<String> answer) {
        return (String) host.json(answer.body()).get("code");
    }
}
