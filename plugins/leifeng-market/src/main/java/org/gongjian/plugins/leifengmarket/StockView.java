package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * 库存盘点: what is on hand per item; an adjustment (damaged, expired, lost, found) with its reason;
 * a physical count whose differences show as the counts are typed and are booked on confirmation;
 * and the latest movements of an item.
 */
public class StockView extends VerticalLayout {

    /** The reason's own length: with its kind in front ("过期：") it stays within a movement's 60 characters. */
    private static final int REASON_LENGTH = 50;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Why stock changes by hand, and which way. */
    enum AdjustKind {
        DAMAGED(-1),
        EXPIRED(-1),
        LOST(-1),
        FOUND(1);

        final int sign;

        AdjustKind(int sign) {
            this.sign = sign;
        }

        String words(Locale locale) {
            return Messages.get(locale, "stock.kind." + name().toLowerCase(Locale.ROOT));
        }
    }

    private final PluginCaller caller;
    private final Locale locale;
    private final ZoneId zone;
    private final Goods goods;
    private final StockChanges changes;
    private final Select<Markets.Market> market = new Select<>();
    private final Grid<Goods.Item> items = new Grid<>();
    private final Map<Long, Integer> counted = new LinkedHashMap<>();
    private final Map<Long, Span> differences = new HashMap<>();
    private final Select<Goods.Item> adjustItem = new Select<>();
    private final Select<AdjustKind> adjustKind = new Select<>();
    private final IntegerField adjustQuantity = new IntegerField();
    private final TextField adjustReason = new TextField();
    private final Paragraph problem = new Paragraph();
    private final Span countSummary = new Span();
    private final Select<Goods.Item> movementItem = new Select<>();
    private final Grid<StockChanges.Movement> movements = new Grid<>();

    public StockView(PluginContext context, PluginCaller caller) {
        this.caller = caller;
        this.locale = caller.locale();
        this.zone = context.clock().getZone();
        this.goods = new Goods(context);
        this.changes = new StockChanges(context);
        setId("market-stock");
        add(new H2(text("stock.title")));
        Markets markets = new Markets(context);
        List<Markets.Market> mine = new ArrayList<>();
        for (OrganizationRef org : context.require(Access.class).organizations(caller)) {
            mine.addAll(markets.of(caller, org.id()));
        }
        if (mine.isEmpty()) {
            add(new Paragraph(text("counter.no-market")));
            return;
        }
        market.setId("stock-market");
        market.setLabel(text("stock.market"));
        market.setItems(mine);
        market.setItemLabelGenerator(Markets.Market::name);
        market.addValueChangeListener(e -> refresh());

        items.setId("stock-items");
        items.addColumn(Goods.Item::name)
                .setHeader(text("stock.item"))
                .setKey("name")
                .setFlexGrow(2);
        items.addColumn(i -> i.onHand() + " " + i.unit())
                .setHeader(text("stock.on-hand"))
                .setKey("onHand");
        items.addComponentColumn(this::countField)
                .setHeader(text("stock.count.counted"))
                .setKey("counted")
                .setWidth("10em");
        items.addComponentColumn(this::differenceOf)
                .setHeader(text("stock.count.difference"))
                .setKey("difference");
        items.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        items.setAllRowsVisible(true);
        // Excel: the stock list's export belongs here (the SDK's spreadsheet service).
        countSummary.setId("stock-count-summary");
        Button book = new Button(text("stock.count.book"), e -> bookCount());
        book.setId("stock-count-book");
        book.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);

        adjustItem.setId("stock-adjust-item");
        adjustItem.setLabel(text("stock.adjust.item"));
        adjustItem.setItemLabelGenerator(i -> i.name() + "（" + i.onHand() + " " + i.unit() + "）");
        adjustKind.setId("stock-adjust-kind");
        adjustKind.setLabel(text("stock.adjust.kind"));
        adjustKind.setItems(AdjustKind.values());
        adjustKind.setItemLabelGenerator(k -> k.words(locale));
        adjustKind.setValue(AdjustKind.DAMAGED);
        adjustQuantity.setId("stock-adjust-quantity");
        adjustQuantity.setLabel(text("stock.adjust.quantity"));
        adjustQuantity.setMin(1);
        adjustQuantity.setMax(Text.MAX_QUANTITY);
        adjustQuantity.setStepButtonsVisible(true);
        adjustQuantity.setValueChangeMode(ValueChangeMode.EAGER);
        adjustQuantity.addValueChangeListener(e -> checkQuantity());
        adjustReason.setId("stock-adjust-reason");
        adjustReason.setLabel(text("stock.adjust.reason"));
        adjustReason.setRequiredIndicatorVisible(true);
        adjustReason.setMaxLength(REASON_LENGTH);
        adjustReason.setValueChangeMode(ValueChangeMode.EAGER);
        adjustReason.addValueChangeListener(e -> checkReason());
        Button adjust = new Button(text("stock.adjust.submit"), e -> adjust());
        adjust.setId("stock-adjust-submit");
        adjust.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        FormLayout adjustForm = new FormLayout(adjustItem, adjustKind, adjustQuantity, adjustReason);
        adjustForm.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        problem.setId("stock-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);

        movementItem.setId("stock-movements-item");
        movementItem.setLabel(text("stock.movements.item"));
        movementItem.setItemLabelGenerator(Goods.Item::name);
        movementItem.addValueChangeListener(e -> showMovements());
        movements.setId("stock-movements");
        movements.addColumn(m -> WHEN.format(m.at().atZone(zone))).setHeader(text("stock.movement.at"));
        movements.addColumn(m -> text("movement." + m.kind())).setHeader(text("stock.movement.kind"));
        movements
                .addColumn(m -> (m.quantity() > 0 ? "+" : "") + m.quantity())
                .setHeader(text("stock.movement.quantity"));
        movements
                .addColumn(m -> m.reason().orElse(""))
                .setHeader(text("stock.movement.reason"))
                .setFlexGrow(2);
        movements.setAllRowsVisible(true);
        // Excel: the movements list's export belongs here (the SDK's spreadsheet service).

        add(
                market,
                problem,
                new H3(text("stock.count")),
                items,
                countSummary,
                book,
                new H3(text("stock.adjust")),
                adjustForm,
                adjust,
                new H3(text("stock.movements")),
                movementItem,
                movements);
        market.setValue(mine.getFirst());
    }

    private IntegerField countField(Goods.Item item) {
        IntegerField field = new IntegerField();
        field.setId("stock-counted-" + item.id());
        field.setMin(0);
        field.setMax(StockChanges.MAX_COUNTED);
        field.setAriaLabel(text("stock.count.counted") + " " + item.name());
        field.setValueChangeMode(ValueChangeMode.EAGER);
        field.setWidthFull();
        Integer value = counted.get(item.id());
        if (value != null) {
            field.setValue(value);
        }
        field.addValueChangeListener(e -> {
            Integer v = e.getValue();
            if (v == null) {
                counted.remove(item.id());
                field.setInvalid(false);
            } else if (v < 0 || v > StockChanges.MAX_COUNTED) {
                counted.remove(item.id());
                field.setErrorMessage(text("error.counted"));
                field.setInvalid(true);
            } else {
                counted.put(item.id(), v);
                field.setInvalid(false);
            }
            showDifference(item);
        });
        return field;
    }

    private Span differenceOf(Goods.Item item) {
        Span span = new Span();
        span.setId("stock-difference-" + item.id());
        differences.put(item.id(), span);
        fill(span, item);
        return span;
    }

    private void showDifference(Goods.Item item) {
        Span span = differences.get(item.id());
        if (span != null) {
            fill(span, item);
        }
        long differing = items.getListDataView()
                .getItems()
                .filter(i -> counted.containsKey(i.id()) && counted.get(i.id()) != i.onHand())
                .count();
        countSummary.setText(text("stock.count.summary", counted.size(), differing));
    }

    private void fill(Span span, Goods.Item item) {
        Integer value = counted.get(item.id());
        if (value == null) {
            span.setText("");
            return;
        }
        long difference = value - item.onHand();
        span.setText(difference == 0 ? "0" : (difference > 0 ? "+" : "") + difference + " " + item.unit());
        span.getStyle()
                .set("color", difference == 0 ? "" : "var(--lumo-error-text-color)")
                .set("font-weight", difference == 0 ? "" : "600");
    }

    private void bookCount() {
        problem.setVisible(false);
        if (counted.isEmpty()) {
            showProblem(text("stock.count.none"));
            return;
        }
        List<Line> lines = counted.entrySet().stream()
                .map(e -> new Line(e.getKey(), e.getValue()))
                .toList();
        try {
            List<StockChanges.Difference> booked =
                    changes.count(caller, market.getValue().id(), lines);
            Notification.show(text(
                            "stock.count.booked",
                            booked.stream().filter(d -> d.difference() != 0).count()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (MarketRefused refused) {
            showProblem(refused.message(locale));
        }
    }

    private boolean checkQuantity() {
        Integer value = adjustQuantity.getValue();
        boolean ok = value != null && value >= 1 && value <= Text.MAX_QUANTITY;
        adjustQuantity.setErrorMessage(text("error.quantity"));
        adjustQuantity.setInvalid(!ok);
        return ok;
    }

    private boolean checkReason() {
        try {
            String given = Text.name(adjustReason.getValue(), "reason", "MARKET_REASON_INVALID", "error.reason");
            if (given.codePointCount(0, given.length()) > REASON_LENGTH) {
                throw MarketRefused.invalid("MARKET_REASON_INVALID", "reason", "error.reason-length", REASON_LENGTH);
            }
            adjustReason.setInvalid(false);
            return true;
        } catch (MarketRefused refused) {
            adjustReason.setErrorMessage(refused.message(locale));
            adjustReason.setInvalid(true);
            return false;
        }
    }

    private void adjust() {
        problem.setVisible(false);
        boolean ok = checkQuantity() & checkReason();
        if (adjustItem.getValue() == null) {
            adjustItem.setErrorMessage(text("error.no-lines"));
            adjustItem.setInvalid(true);
            ok = false;
        } else {
            adjustItem.setInvalid(false);
        }
        if (!ok) {
            showProblem(text("goods.fix"));
            return;
        }
        AdjustKind why = adjustKind.getValue();
        long quantity = (long) why.sign * adjustQuantity.getValue();
        String reason = why.words(locale) + "：" + adjustReason.getValue().strip();
        try {
            Goods.Item done = changes.adjust(
                    caller, market.getValue().id(), adjustItem.getValue().id(), quantity, reason);
            Notification.show(text(
                            "stock.adjust.done",
                            done.name(),
                            (quantity > 0 ? "+" : "") + quantity,
                            done.onHand(),
                            done.unit()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            adjustQuantity.clear();
            adjustQuantity.setInvalid(false);
            adjustReason.clear();
            adjustReason.setInvalid(false);
            long shown = done.id();
            refresh();
            items.getListDataView()
                    .getItems()
                    .filter(i -> i.id() == shown)
                    .findFirst()
                    .ifPresent(i -> {
                        adjustItem.setValue(i);
                        movementItem.setValue(i);
                    });
        } catch (MarketRefused refused) {
            showProblem(refused.message(locale));
        }
    }

    private void showMovements() {
        Goods.Item item = movementItem.getValue();
        movements.setItems(
                item == null ? List.of() : changes.movements(caller, item.marketId(), item.id(), StockChanges.LATEST));
    }

    private void refresh() {
        counted.clear();
        differences.clear();
        countSummary.setText("");
        Markets.Market chosen = market.getValue();
        List<Goods.Item> all = chosen == null ? List.of() : goods.of(caller, chosen.id());
        items.setItems(all);
        adjustItem.setItems(all);
        movementItem.setItems(all);
        movements.setItems(List.of());
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
