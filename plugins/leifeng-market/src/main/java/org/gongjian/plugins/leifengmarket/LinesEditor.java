package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lines of goods coming in, one row each: the item, how many (1 to 999, checked as typed), and
 * an optional expiry date; rows are added and removed. Ids {@code <prefix>-item-N}, {@code
 * <prefix>-quantity-N}, {@code <prefix>-expiry-N} (N from 0).
 */
final class LinesEditor extends VerticalLayout {

    private final String prefix;
    private final Locale locale;
    private final java.time.Clock clock;
    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout body = new VerticalLayout();
    private List<Goods.Item> goods = List.of();
    private int next;

    private final class Row extends HorizontalLayout {
        final Select<Goods.Item> item = new Select<>();
        final IntegerField quantity = new IntegerField();
        final DatePicker expiry = new DatePicker();

        Row(int n) {
            item.setId(prefix + "-item-" + n);
            item.setLabel(text("donations.item"));
            item.setItems(goods);
            item.setItemLabelGenerator(i -> i.name() + "（" + i.unit() + "）");
            item.setMinWidth("12em");
            quantity.setId(prefix + "-quantity-" + n);
            quantity.setLabel(text("donations.quantity"));
            quantity.setMin(1);
            quantity.setMax(Text.MAX_QUANTITY);
            quantity.setStepButtonsVisible(true);
            quantity.setWidth("9em");
            quantity.setValueChangeMode(ValueChangeMode.EAGER);
            quantity.addValueChangeListener(e -> checkQuantity());
            expiry.setId(prefix + "-expiry-" + n);
            expiry.setLabel(text("donations.expiry"));
            expiry.setWidth("11em");
            expiry.setLocale(locale);
            expiry.addValueChangeListener(e -> checkExpiry());
            Button remove = new Button(text("donations.remove-line"), e -> remove(this));
            remove.setId(prefix + "-remove-" + n);
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            add(item, quantity, expiry, remove);
            setWrap(true);
            setAlignItems(FlexComponent.Alignment.BASELINE);
            setPadding(false);
        }

        boolean checkQuantity() {
            Integer value = quantity.getValue();
            boolean ok = value != null && value >= 1 && value <= Text.MAX_QUANTITY;
            quantity.setErrorMessage(text("error.quantity"));
            quantity.setInvalid(!ok);
            return ok;
        }

        boolean checkExpiry() {
            LocalDate value = expiry.getValue();
            boolean ok = value == null || !value.isBefore(LocalDate.now(clock));
            expiry.setErrorMessage(text("error.expiry"));
            expiry.setInvalid(!ok);
            return ok;
        }
    }

    LinesEditor(String prefix, Locale locale, java.time.Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
        this.locale = locale;
        setPadding(false);
        body.setPadding(false);
        body.setSpacing(false);
        Button more = new Button(text("donations.add-line"), e -> addRow());
        more.setId(prefix + "-add-line");
        more.addThemeVariants(ButtonVariant.LUMO_LARGE);
        add(new Span(text("donations.lines")), body, more);
    }

    /** The goods to choose from; the rows start again with one empty row. */
    void setGoods(List<Goods.Item> goods) {
        this.goods = List.copyOf(goods);
        clear();
    }

    void clear() {
        rows.clear();
        body.removeAll();
        next = 0;
        addRow();
    }

    private void addRow() {
        Row row = new Row(next++);
        rows.add(row);
        body.add(row);
    }

    private void remove(Row row) {
        rows.remove(row);
        body.remove(row);
        if (rows.isEmpty()) {
            addRow();
        }
    }

    /** The lines when every filled row is right (an item and a quantity); empty when one is wrong. */
    Optional<List<Intake>> lines() {
        boolean ok = true;
        List<Intake> lines = new ArrayList<>();
        for (Row row : rows) {
            if (row.item.getValue() == null && row.quantity.getValue() == null && row.expiry.getValue() == null) {
                continue; // an empty row is no line
            }
            boolean rowOk = row.checkQuantity() & row.checkExpiry();
            if (row.item.getValue() == null) {
                row.item.setErrorMessage(text("error.no-lines"));
                row.item.setInvalid(true);
                rowOk = false;
            } else {
                row.item.setInvalid(false);
            }
            if (rowOk) {
                lines.add(new Intake(
                        row.item.getValue().id(), row.quantity.getValue(), Optional.ofNullable(row.expiry.getValue())));
            }
            ok &= rowOk;
        }
        return ok ? Optional.of(lines) : Optional.empty();
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
