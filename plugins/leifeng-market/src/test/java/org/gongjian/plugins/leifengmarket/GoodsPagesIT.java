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
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.testkit.PluginTestHost;
import org.gongjian.testkit.PluginTestHost.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secretary's pages in Karibu on a real host: the goods page (the form checks as it is typed,
 * "1.25" points is refused with its message, the grid changes on save, an item goes off the shelf,
 * a photo by its bytes), the donations page (a resident donor picked by name, lines with expiry,
 * the printable receipt, purchases), the stock page (a count's differences before booking, an
 * adjustment that needs its reason) and the photo on the volunteer's phone page.
 */
class GoodsPagesIT {

    static final String X = "/api/plugins/leifeng-market/x/";

    static PluginTestHost host;
    static Organization community;
    static Person secretary;
    static Person staff;

    @BeforeAll
    static void install_the_built_jar() {
        host = PluginTestHost.start();
        assertThat(host.install(PluginTestHost.builtJar()).state()).isEqualTo("STARTED");
        community = host.community("页面社区");
        host.pointKind(community, "VOL", "志愿积分");
        secretary = host.person(Role.ORG_ADMIN, community);
        staff = host.person(Role.ORG_STAFF, community);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void the_goods_form_checks_as_typed_and_the_grid_changes_on_save_switch_and_photo() throws Exception {
        long market = market("物品页超市");
        Component page = host.page(GoodsView.class, secretary);
        choose(page, "goods-market", "物品页超市");
        TextField name = text(page, "goods-name");
        TextField price = text(page, "goods-price");
        TextField cap = text(page, "goods-cap");

        _setValue(name, "洗衣液");
        _setValue(text(page, "goods-category"), "日用");
        _setValue(text(page, "goods-unit"), "瓶");
        _setValue(price, "1.25");
        assertThat(price.isInvalid()).isTrue();
        assertThat(price.getErrorMessage()).isEqualTo("积分价格须大于 0，最多一位小数");
        _setValue(cap, "1.5");
        assertThat(cap.isInvalid()).isTrue();
        assertThat(cap.getErrorMessage()).isEqualTo("每人每月限兑数须是 1 到 999 的整数，不限请留空");
        host.as(secretary, () -> _click(button(page, "goods-save")));
        assertThat(paragraph(page, "goods-problem").getText()).isEqualTo("请先改正标红的内容");
        assertThat(items(market)).as("nothing saved while a field is wrong").isZero();

        _setValue(price, "12.5");
        _setValue(cap, "");
        assertThat(price.isInvalid()).isFalse();
        assertThat(cap.isInvalid()).isFalse();
        host.as(secretary, () -> _click(button(page, "goods-save")));

        Grid<?> grid = grid(page, "goods-items");
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("洗衣液", "日用", "瓶", "12.5", "—", "0", "所有人", "在架");
        long id = host.count("SELECT id FROM gjp_leifeng_market.leifeng_market_item WHERE market_id = ?", market);
        assertThat(host.count("SELECT price_tenths FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", id))
                .isEqualTo(125);

        host.as(secretary, () -> _click(cellButton(grid, "goods-edit-" + id)));
        _setValue(price, "15");
        _setValue(cap, "2");
        @SuppressWarnings("unchecked")
        Select<Object> rule = _get(page, Select.class, s -> s.withId("goods-eligibility"));
        _setValue(rule, option(rule, "TAG"));
        TextField tag = text(page, "goods-tag");
        assertThat(tag.isVisible()).isTrue();
        host.as(secretary, () -> _click(button(page, "goods-save")));
        assertThat(tag.isInvalid()).as("a tag rule needs its tag").isTrue();
        assertThat(tag.getErrorMessage()).isEqualTo("请填写标签（1 到 32 个字）");
        _setValue(tag, "低保户");
        host.as(secretary, () -> _click(button(page, "goods-save")));
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("15", "2", "带“低保户”标签的居民");

        host.as(secretary, () -> _click(cellButton(grid, "goods-toggle-" + id)));
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("已下架");
        assertThat(host.count("SELECT active FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", id))
                .isZero();

        host.as(secretary, () -> _click(cellButton(grid, "goods-edit-" + id)));
        host.as(secretary, () -> photo(page, "notes.png", "not an image".getBytes(StandardCharsets.UTF_8)));
        assertThat(paragraph(page, "goods-problem").getText()).isEqualTo("照片须是 JPG 或 PNG 图片");
        byte[] large = new byte[Photos.MAX_BYTES + 1];
        large[0] = (byte) 0xFF;
        large[1] = (byte) 0xD8;
        large[2] = (byte) 0xFF;
        host.as(secretary, () -> photo(page, "big.jpg", large));
        assertThat(paragraph(page, "goods-problem").getText()).isEqualTo("照片不能超过 2 MB");
        assertThat(host.count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_photo"))
                .isZero();
        host.as(secretary, () -> photo(page, "soap.txt", CatalogueApiIT.png(4, 4)));
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_item WHERE id = ? AND photo_id IS NOT NULL",
                        id))
                .as("a PNG by its bytes, whatever its name")
                .isEqualTo(1);
        assertThat(GridKt._getCellComponent(grid, 0, "photo")).isInstanceOf(Image.class);
    }

    @Test
    void a_donation_from_a_resident_is_received_listed_and_its_receipt_printed() throws Exception {
        long market = market("捐赠页超市");
        long rice = item(market, "东北大米", "袋");
        host.member(community, "郭大姐");
        Component page = host.page(DonationsView.class, staff);
        choose(page, "donations-market", "捐赠页超市");

        @SuppressWarnings("unchecked")
        Select<Object> kind = _get(page, Select.class, s -> s.withId("donations-kind"));
        _setValue(kind, option(kind, "RESIDENT"));
        @SuppressWarnings("unchecked")
        ComboBox<Object> resident = _get(page, ComboBox.class, s -> s.withId("donations-resident"));
        assertThat(resident.isVisible()).isTrue();
        ComboBoxKt.setUserInput(resident, "郭大姐");
        _setValue(resident, ComboBoxKt.getSuggestionItems(resident).getFirst());
        assertThat(text(page, "donations-donor").getValue()).isEqualTo("郭大姐");
        _setValue(text(page, "donations-receipt-no"), "JZ-0042");
        @SuppressWarnings("unchecked")
        Select<Object> line = _get(page, Select.class, s -> s.withId("donations-line-item-0"));
        _setValue(line, option(line, "东北大米"));
        IntegerField quantity = _get(page, IntegerField.class, s -> s.withId("donations-line-quantity-0"));
        _setValue(quantity, 0);
        assertThat(quantity.isInvalid()).isTrue();
        assertThat(quantity.getErrorMessage()).isEqualTo("数量须是 1 到 999 的整数");
        host.as(staff, () -> _click(button(page, "donations-submit")));
        assertThat(paragraph(page, "donations-problem").getText()).isEqualTo("请先改正标红的内容");
        assertThat(onHand(rice)).isZero();
        _setValue(quantity, 6);
        LocalDate best = LocalDate.now().plusMonths(3);
        _setValue(_get(page, DatePicker.class, s -> s.withId("donations-line-expiry-0")), best);
        host.as(staff, () -> receivePhoto(page, "hello.jpg", "hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(paragraph(page, "donations-problem").getText()).isEqualTo("照片须是 JPG 或 PNG 图片");
        host.as(staff, () -> receivePhoto(page, "donation.png", CatalogueApiIT.png(5, 5)));
        host.as(staff, () -> _click(button(page, "donations-submit")));

        assertThat(onHand(rice)).isEqualTo(6);
        Grid<?> list = grid(page, "donations-list");
        assertThat(GridKt._size(list)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(list, 0)).contains("居民", "郭大姐", "JZ-0042", "6");
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_donation WHERE market_id = ?"
                                + " AND donor_kind = 'RESIDENT' AND donor_member_id IS NOT NULL AND photo_id IS NOT NULL",
                        market))
                .isEqualTo(1);

        host.as(staff, () -> _click((Button) GridKt._getCellComponent(list, 0, "receipt")));
        assertThat(_get(H2.class, s -> s.withId("donation-receipt-title")).getText())
                .isEqualTo("页面社区 · 捐赠收据");
        assertThat(_get(Paragraph.class, s -> s.withId("donation-receipt-donor"))
                        .getText())
                .isEqualTo("捐赠人：居民 · 郭大姐");
        assertThat(_get(Paragraph.class, s -> s.withId("donation-receipt-no")).getText())
                .isEqualTo("收据编号：JZ-0042");
        assertThat(_get(Paragraph.class, s -> s.withId("donation-receipt-date")).getText())
                .isEqualTo("日期：" + LocalDate.now());
        assertThat(_get(Div.class, s -> s.withId("donation-receipt-sheet"))
                        .getElement()
                        .getTextRecursively())
                .contains("东北大米", "6 袋", best.toString(), "合计 6 件");
        _click(_get(Button.class, s -> s.withId("donation-receipt-print")));
        _click(_get(Button.class, s -> s.withId("donation-receipt-close")));
    }

    @Test
    void a_purchase_is_received_with_its_amount_checked_as_typed() {
        long market = market("采购页超市");
        long oil = item(market, "菜籽油", "桶");
        Component page = host.page(DonationsView.class, staff);
        choose(page, "donations-market", "采购页超市");

        _setValue(text(page, "purchases-supplier"), "联华超市");
        TextField amount = text(page, "purchases-amount");
        _setValue(amount, "12.345");
        assertThat(amount.isInvalid()).isTrue();
        assertThat(amount.getErrorMessage()).isEqualTo("付款金额须大于 0 元、不超过 100 万元，最多两位小数");
        _setValue(amount, "356.8");
        assertThat(amount.isInvalid()).isFalse();
        @SuppressWarnings("unchecked")
        Select<Object> line = _get(page, Select.class, s -> s.withId("purchases-line-item-0"));
        _setValue(line, option(line, "菜籽油"));
        _setValue(_get(page, IntegerField.class, s -> s.withId("purchases-line-quantity-0")), 4);
        host.as(staff, () -> _click(button(page, "purchases-submit")));

        assertThat(onHand(oil)).isEqualTo(4);
        Grid<?> list = grid(page, "purchases-list");
        assertThat(GridKt._getFormattedRow(list, 0)).contains("联华超市", "356.80", "4");
        assertThat(host.count(
                        "SELECT amount_cents FROM gjp_leifeng_market.leifeng_market_purchase WHERE market_id = ?",
                        market))
                .isEqualTo(35680);
    }

    @Test
    void a_count_shows_its_differences_before_it_is_booked_and_an_adjustment_needs_its_reason() {
        long market = market("盘点页超市");
        long flour = item(market, "面粉", "袋");
        host.post(
                staff,
                X + "markets/" + market + "/donations",
                "{\"donor\":\"粮店\",\"lines\":[{\"itemId\":" + flour + ",\"quantity\":10}]}");
        Component page = host.page(StockView.class, staff);
        choose(page, "stock-market", "盘点页超市");
        Grid<?> items = grid(page, "stock-items");
        assertThat(GridKt._getFormattedRow(items, 0)).contains("面粉", "10 袋");

        _setValue((IntegerField) GridKt._getCellComponent(items, 0, "counted"), 7);
        Span difference = (Span) GridKt._getCellComponent(items, 0, "difference");
        assertThat(difference.getId()).contains("stock-difference-" + flour);
        assertThat(difference.getText()).isEqualTo("-3 袋");
        assertThat(_get(page, Span.class, s -> s.withId("stock-count-summary")).getText())
                .isEqualTo("已填 1 种，其中 1 种有差异");
        assertThat(onHand(flour)).as("not booked yet").isEqualTo(10);
        host.as(staff, () -> _click(button(page, "stock-count-book")));
        assertThat(onHand(flour)).isEqualTo(7);
        assertThat(GridKt._getFormattedRow(items, 0)).contains("7 袋");

        @SuppressWarnings("unchecked")
        Select<Object> what = _get(page, Select.class, s -> s.withId("stock-adjust-item"));
        _setValue(what, option(what, "面粉"));
        @SuppressWarnings("unchecked")
        Select<Object> why = _get(page, Select.class, s -> s.withId("stock-adjust-kind"));
        _setValue(why, option(why, "EXPIRED"));
        _setValue(_get(page, IntegerField.class, s -> s.withId("stock-adjust-quantity")), 2);
        host.as(staff, () -> _click(button(page, "stock-adjust-submit")));
        TextField reason = text(page, "stock-adjust-reason");
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("请写明原因（1 到 60 个字）");
        assertThat(onHand(flour)).isEqualTo(7);
        _setValue(reason, "受潮结块");
        host.as(staff, () -> _click(button(page, "stock-adjust-submit")));

        assertThat(onHand(flour)).isEqualTo(5);
        assertThat(host.count(
                        "SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_movement WHERE item_id = ? AND kind = 'ADJUST'"
                                + " AND quantity = -2 AND reason = '过期：受潮结块'",
                        flour))
                .isEqualTo(1);
        Grid<?> movements = grid(page, "stock-movements");
        assertThat(GridKt._size(movements)).isEqualTo(3);
        assertThat(GridKt._getFormattedRow(movements, 0)).contains("调整", "-2", "过期：受潮结块");
        assertThat(GridKt._getFormattedRow(movements, 1)).contains("盘点", "-3");
        assertThat(GridKt._getFormattedRow(movements, 2)).contains("捐赠入库", "+10");
    }

    @Test
    void the_phone_page_shows_each_good_s_photo_or_a_placeholder() {
        long market = market("手机照片超市");
        long with = item(market, "有照片的毛巾", "条");
        long without = item(market, "没照片的牙刷", "支");
        for (long item : List.of(with, without)) {
            host.post(
                    staff,
                    X + "markets/" + market + "/donations",
                    "{\"donor\":\"店\",\"lines\":[{\"itemId\":" + item + ",\"quantity\":2}]}");
        }
        var set = host.put(
                secretary,
                X + "markets/" + market + "/items/" + with + "/photo",
                "{\"content\":\"" + java.util.Base64.getEncoder().encodeToString(CatalogueApiIT.png(6, 6)) + "\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Person volunteer = host.person(Role.VOLUNTEER, community, host.member(community, "看手机的人"));

        Component phone = host.page(PhoneView.class, volunteer);

        HorizontalLayout photographed = _get(phone, HorizontalLayout.class, s -> s.withId("market-phone-item-" + with));
        assertThat(_get(photographed, Image.class).getAlt()).contains("有照片的毛巾");
        HorizontalLayout plain = _get(phone, HorizontalLayout.class, s -> s.withId("market-phone-item-" + without));
        assertThat(_get(plain, Div.class, s -> s.withClasses("market-photo-none"))
                        .getText())
                .isEqualTo("暂无照片");
    }

    // --- helpers

    private static Object option(Select<Object> select, String label) {
        return ComboBoxKt.getSuggestionItems(select).stream()
                .filter(o -> o.toString().contains(label)
                        || select.getItemLabelGenerator().apply(o).contains(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no option " + label));
    }

    private static void choose(Component page, String id, String marketName) {
        @SuppressWarnings("unchecked")
        Select<Object> select = _get(page, Select.class, s -> s.withId(id));
        _setValue(select, option(select, marketName));
    }

    private static TextField text(Component page, String id) {
        return _get(page, TextField.class, s -> s.withId(id));
    }

    private static Button button(Component page, String id) {
        return _get(page, Button.class, s -> s.withId(id));
    }

    private static Paragraph paragraph(Component page, String id) {
        return _get(page, Paragraph.class, s -> s.withId(id));
    }

    private static Grid<?> grid(Component page, String id) {
        return _get(page, Grid.class, s -> s.withId(id));
    }

    private static Button cellButton(Grid<?> grid, String id) {
        for (int row = 0; row < GridKt._size(grid); row++) {
            Component actions = GridKt._getCellComponent(grid, row, "actions");
            var found = actions.getChildren()
                    .filter(c -> c.getId().orElse("").equals(id))
                    .findFirst();
            if (found.isPresent()) {
                return (Button) found.get();
            }
        }
        throw new AssertionError("no button " + id);
    }

    /** What the page's upload hands over: the file's name and bytes. */
    private static void photo(Component page, String fileName, byte[] bytes) {
        invoke(page, "receivePhoto", new Class<?>[] {byte[].class}, bytes);
    }

    private static void receivePhoto(Component page, String fileName, byte[] bytes) {
        invoke(page, "receivePhoto", new Class<?>[] {String.class, byte[].class}, fileName, bytes);
    }

    private static void invoke(Component page, String name, Class<?>[] types, Object... arguments) {
        try {
            Method method = page.getClass().getDeclaredMethod(name, types);
            method.setAccessible(true);
            method.invoke(page, arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static long market(String name) {
        var answer = host.post(
                secretary,
                X + "orgs/" + community.id() + "/markets",
                "{\"name\":\"" + name + "\",\"assetCode\":\"VOL\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static long item(long market, String name, String unit) {
        var answer = host.post(
                secretary,
                X + "markets/" + market + "/items",
                "{\"name\":\"" + name + "\",\"category\":\"日用\",\"unit\":\"" + unit + "\",\"price\":3}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ((Number) host.json(answer.body()).get("id")).longValue();
    }

    private static long items(long market) {
        return host.count("SELECT COUNT(*) FROM gjp_leifeng_market.leifeng_market_item WHERE market_id = ?", market);
    }

    private static long onHand(long item) {
        return host.count("SELECT on_hand FROM gjp_leifeng_market.leifeng_market_item WHERE id = ?", item);
    }
}
