package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.EndpointException;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.plugin.api.Members;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * The counter: choose the market, find the resident by name, pinyin or the last digits of the
 * phone, set quantities with large steppers, see the total and the resident's points, redeem. One
 * request id per basket, so a double tap redeems once.
 *
 * <p>At the top, one input for a hand scanner (it types the code, then Enter) or a camera app: a
 * member's code (会员码, the resident's phone or card) chooses that resident; a pickup code hands
 * out that reservation (核销) and says what to hand over; anything else is answered in words.
 */
public class CounterView extends VerticalLayout {

    private final PluginCaller caller;
    private final Locale locale;
    private final Goods goods;
    private final Redemptions redemptions;
    private final Select<Markets.Market> market = new Select<>();
    private final ComboBox<MemberRef> member = new ComboBox<>();
    private final Grid<Goods.Item> items = new Grid<>();
    private final Map<Long, Integer> basket = new HashMap<>();
    private final Span total = new Span();
    private final Span balance = new Span();
    private final Paragraph problem = new Paragraph();
    private final TextField scan = new TextField();
    private final Paragraph scanned = new Paragraph();
    private final Paragraph scanProblem = new Paragraph();
    private final Reservations reservations;
    private Members people;
    private String basketKey = newKey();

    public CounterView(PluginContext context, PluginCaller caller) {
        this.caller = caller;
        this.locale = caller.locale();
        this.goods = new Goods(context);
        this.redemptions = new Redemptions(context);
        this.reservations = new Reservations(context);
        setId("market-counter");
        getStyle().set("font-size", "var(--lumo-font-size-l)");
        Markets markets = new Markets(context);
        List<Markets.Market> mine = new ArrayList<>();
        for (OrganizationRef org : context.require(Access.class).organizations(caller)) {
            mine.addAll(markets.of(caller, org.id()));
        }
        add(new H2(text("counter.title")));
        if (mine.isEmpty()) {
            add(new Paragraph(text("counter.no-market")));
            return;
        }
        market.setId("market-counter-market");
        market.setLabel(text("counter.market"));
        market.setItems(mine);
        market.setItemLabelGenerator(Markets.Market::name);
        market.addValueChangeListener(e -> refreshGoods());

        people = context.require(Members.class);
        member.setId("market-counter-member");
        member.setLabel(text("counter.member"));
        member.setWidthFull();
        member.setMaxWidth("32em");
        member.setItems(query ->
                people
                        .search(caller, query.getFilter().orElse(""), Math.min(query.getLimit(), Members.MAX_RESULTS))
                        .stream()
                        .skip(query.getOffset())
                        .limit(query.getLimit()));
        member.setItemLabelGenerator(m -> m.name() + " · " + m.organizationName()
                + m.phoneMasked().map(p -> " · " + p).orElse(""));
        member.addValueChangeListener(e -> refreshBalance());

        items.setId("market-counter-items");
        items.addColumn(Goods.Item::name).setHeader(text("counter.item")).setFlexGrow(2);
        items.addColumn(i -> Redemptions.points(i.priceTenths())).setHeader(text("counter.price"));
        items.addColumn(i -> i.onHand() + " " + i.unit()).setHeader(text("counter.on-hand"));
        items.addComponentColumn(this::quantity)
                .setKey("quantity")
                .setHeader(text("counter.quantity"))
                .setWidth("11em");
        items.setAllRowsVisible(true);

        Button redeem = new Button(text("counter.redeem"), e -> redeem());
        redeem.setId("market-counter-redeem");
        redeem.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        redeem.setMinWidth("12em");
        redeem.setHeight("3.5em");
        total.setId("market-counter-total");
        balance.setId("market-counter-balance");
        problem.setId("market-counter-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        scan.setId("market-counter-scan");
        scan.setLabel(text("counter.scan"));
        scan.setPlaceholder(text("counter.scan.hint"));
        scan.setAutofocus(true);
        scan.setClearButtonVisible(true);
        scan.setMaxLength(100);
        scan.setWidthFull();
        scan.setMaxWidth("32em");
        scan.getStyle().set("font-size", "var(--lumo-font-size-xl)");
        // A hand scanner ends with Enter, which commits the value (as leaving the field does).
        scan.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                scan(e.getValue());
            }
        });
        Button go = new Button(text("counter.scan.go"), e -> scan(scan.getValue()));
        go.setId("market-counter-scan-go");
        go.addThemeVariants(ButtonVariant.LUMO_LARGE);
        go.setMinWidth("6em");
        HorizontalLayout scanner = new HorizontalLayout(scan, go);
        scanner.setAlignItems(Alignment.BASELINE);
        scanner.setWidthFull();
        scanned.setId("market-counter-scanned");
        scanned.getStyle()
                .set("color", "var(--lumo-success-text-color)")
                .set("font-size", "var(--lumo-font-size-xl)")
                .set("font-weight", "600");
        scanned.setVisible(false);
        scanProblem.setId("market-counter-scan-problem");
        scanProblem
                .getStyle()
                .set("color", "var(--lumo-error-text-color)")
                .set("font-size", "var(--lumo-font-size-xl)");
        scanProblem.setVisible(false);
        add(scanner, scanned, scanProblem, market, member, balance, items, total, problem, redeem);
        market.setValue(mine.getFirst());
    }

    /** Sets a quantity of an item in the basket (what the stepper does). */
    void setQuantity(long itemId, int quantity) {
        if (quantity <= 0) {
            basket.remove(itemId);
        } else {
            basket.put(itemId, quantity);
        }
        basketKey = newKey();
        showTotal();
    }

    private IntegerField quantity(Goods.Item item) {
        IntegerField field = new IntegerField();
        field.setId("market-counter-quantity-" + item.id());
        field.setStepButtonsVisible(true);
        field.setMin(0);
        field.setMax((int) Math.min(Text.MAX_QUANTITY, item.onHand()));
        field.setValue(basket.getOrDefault(item.id(), 0));
        field.setAriaLabel(text("counter.quantity") + " " + item.name());
        field.addValueChangeListener(e -> setQuantity(item.id(), e.getValue() == null ? 0 : e.getValue()));
        return field;
    }

    private void redeem() {
        problem.setVisible(false);
        if (member.getValue() == null || basket.isEmpty()) {
            showProblem(text("counter.choose"));
            return;
        }
        List<Line> lines = basket.entrySet().stream()
                .map(e -> new Line(e.getKey(), e.getValue()))
                .toList();
        try {
            Redemptions.Redemption done = redemptions.redeem(
                    caller, market.getValue().id(), member.getValue().id(), basketKey, lines);
            Notification.show(
                            text("counter.redeemed", member.getValue().name(), Redemptions.points(done.totalTenths())))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            basket.clear();
            basketKey = newKey();
            refreshGoods();
            refreshBalance();
        } catch (MarketRefused refused) {
            showProblem(refused.message(locale));
        }
    }

    /**
     * What the scanner input does with a text: a pickup code hands out its reservation, a member's
     * code chooses the member; anything else is answered in words. The input is emptied for the next.
     */
    void scan(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return;
        }
        scanProblem.setVisible(false);
        scanned.setVisible(false);
        if (Reservations.looksLikeCode(text)) {
            collect(text);
        } else {
            chooseByCode(text);
        }
        scan.clear();
        scan.focus();
    }

    /** Hands out the goods of a pickup code the volunteer shows (核销), and says what to hand over. */
    private void collect(String code) {
        try {
            Reservations.Reservation done =
                    reservations.collect(caller, market.getValue().id(), code);
            String who =
                    people.member(caller, done.memberId()).map(MemberRef::name).orElse(text("counter.scan.someone"));
            String what = String.join(text("counter.scan.separator"), reservations.contents(done));
            showScanned(text("counter.scan.collected", who, what));
            Notification.show(text("counter.scan.collected", who, what))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (MarketRefused refused) {
            showScanProblem(refused.message(locale));
        }
    }

    /** Chooses the member whose code was scanned (their phone's 会员码 or their printed card). */
    private void chooseByCode(String text) {
        try {
            Optional<MemberRef> found = people.byCode(caller, text);
            if (found.isEmpty()) {
                showScanProblem(text("counter.scan.member-unknown"));
                return;
            }
            member.setValue(found.get());
            showScanned(text("counter.scan.member", found.get().name()));
        } catch (EndpointException refused) {
            showScanProblem(
                    "MEMBER_CODE_INVALID".equals(refused.code()) ? text("counter.scan.unknown") : refused.getMessage());
        }
    }

    private void showScanProblem(String text) {
        scanProblem.setText(text);
        scanProblem.setVisible(true);
    }

    private void showScanned(String text) {
        scanned.setText(text);
        scanned.setVisible(true);
    }

    private void refreshGoods() {
        basket.clear();
        basketKey = newKey();
        Markets.Market chosen = market.getValue();
        items.setItems(
                chosen == null
                        ? List.of()
                        : goods.of(caller, chosen.id()).stream()
                                .filter(Goods.Item::active)
                                .toList());
        showTotal();
        refreshBalance();
    }

    private void refreshBalance() {
        MemberRef who = member.getValue();
        Markets.Market chosen = market.getValue();
        if (who == null || chosen == null) {
            balance.setText("");
            return;
        }
        long tenths = redemptions.balance(caller, who.id(), chosen);
        balance.setText(text("counter.balance", who.name(), Redemptions.points(tenths)));
    }

    private void showTotal() {
        Map<Long, Goods.Item> byId = new HashMap<>();
        items.getListDataView().getItems().forEach(i -> byId.put(i.id(), i));
        long tenths = basket.entrySet().stream()
                .mapToLong(
                        e -> byId.containsKey(e.getKey()) ? byId.get(e.getKey()).priceTenths() * e.getValue() : 0)
                .sum();
        total.setText(text("counter.total", Redemptions.points(tenths)));
    }

    private void showProblem(String text) {
        problem.setText(text);
        problem.setVisible(true);
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }

    private static String newKey() {
        return "counter-" + UUID.randomUUID();
    }
}
