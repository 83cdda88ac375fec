package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.Permission;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * The secretary's goods page (物品管理): choose the market, the grid of its goods, a form to add or
 * edit an item that checks each field as it is typed (the same checks as the API, so "1.25" points
 * is refused with its message, never rounded), switching an item on or off the shelf, and its photo.
 */
public class GoodsView extends VerticalLayout {

    private final PluginCaller caller;
    private final Locale locale;
    private final Goods goods;
    private final Select<Markets.Market> market = new Select<>();
    private final Grid<Goods.Item> items = new Grid<>();
    private final H3 formTitle = new H3();
    private final TextField name = new TextField();
    private final TextField category = new TextField();
    private final TextField unit = new TextField();
    private final TextField price = new TextField();
    private final TextField cap = new TextField();
    private final Select<Eligibility.Rule> eligibility = new Select<>();
    private final TextField tag = new TextField();
    private final Upload photo = new Upload();
    private final Paragraph problem = new Paragraph();
    private final java.util.Map<String, String> organizationNames = new java.util.HashMap<>();
    private Goods.Item editing;

    public GoodsView(PluginContext context, PluginCaller caller) {
        this.caller = caller;
        this.locale = caller.locale();
        this.goods = new Goods(context);
        setId("market-goods");
        add(new H2(text("goods.title")));
        Markets markets = new Markets(context);
        Access access = context.require(Access.class);
        List<Markets.Market> mine = new ArrayList<>();
        for (OrganizationRef org : access.organizations(caller)) {
            markets.of(caller, org.id()).stream()
                    .filter(m -> access.may(caller, Permission.MANAGE, m.organizationId()))
                    .forEach(mine::add);
        }
        if (mine.isEmpty()) {
            add(new Paragraph(text("counter.no-market")));
            return;
        }
        market.setId("goods-market");
        market.setLabel(text("goods.market"));
        market.setItems(mine);
        market.setItemLabelGenerator(Markets.Market::name);
        market.addValueChangeListener(e -> {
            startNew();
            refresh();
        });

        items.setId("goods-items");
        items.addComponentColumn(i -> Pictures.of(goods, caller, i, "3em", text("goods.photo.none")))
                .setHeader(text("goods.photo"))
                .setKey("photo")
                .setWidth("5em")
                .setFlexGrow(0);
        items.addColumn(Goods.Item::name)
                .setHeader(text("goods.name"))
                .setKey("name")
                .setFlexGrow(2);
        items.addColumn(Goods.Item::category).setHeader(text("goods.category")).setKey("category");
        items.addColumn(Goods.Item::unit).setHeader(text("goods.unit")).setKey("unit");
        items.addColumn(i -> Redemptions.points(i.priceTenths()))
                .setHeader(text("goods.price"))
                .setKey("price");
        items.addColumn(i -> i.monthlyCap().map(String::valueOf).orElse("—"))
                .setHeader(text("goods.cap"))
                .setKey("cap");
        items.addColumn(Goods.Item::onHand).setHeader(text("goods.on-hand")).setKey("onHand");
        items.addColumn(i -> i.eligibility().words(locale, organizationName(i)))
                .setHeader(text("goods.eligibility"))
                .setKey("eligibility")
                .setFlexGrow(2);
        items.addColumn(i -> text(i.active() ? "goods.active.yes" : "goods.active.no"))
                .setHeader(text("goods.active"))
                .setKey("active");
        items.addComponentColumn(this::actions)
                .setKey("actions")
                .setWidth("13em")
                .setFlexGrow(0);
        items.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        items.setAllRowsVisible(true);
        // Excel: the goods list's export belongs here (the SDK's spreadsheet service).

        Button create = new Button(text("goods.new"), e -> startNew());
        create.setId("goods-new");
        create.addThemeVariants(ButtonVariant.LUMO_LARGE);

        field(name, "goods-name", "goods.name", this::checkName);
        field(category, "goods-category", "goods.category", this::checkCategory);
        field(unit, "goods-unit", "goods.unit", this::checkUnit);
        field(price, "goods-price", "goods.price", this::checkPrice);
        price.setHelperText(text("goods.price.help"));
        field(cap, "goods-cap", "goods.cap", this::checkCap);
        cap.setHelperText(text("goods.cap.help"));
        eligibility.setId("goods-eligibility");
        eligibility.setLabel(text("goods.eligibility"));
        eligibility.setItems(Eligibility.Rule.values());
        eligibility.setItemLabelGenerator(r -> switch (r) {
            case EVERYONE -> text("eligibility.everyone");
            case VOLUNTEERS -> text("eligibility.volunteers");
            case TAG -> text("eligibility.tag", "…");
            case RESIDENTS ->
                text("eligibility.residents", market.getValue() == null ? "" : organizationName(market.getValue()));
        });
        eligibility.setValue(Eligibility.Rule.EVERYONE);
        eligibility.addValueChangeListener(e -> {
            tag.setVisible(e.getValue() == Eligibility.Rule.TAG);
            if (e.getValue() != Eligibility.Rule.TAG) {
                tag.clear();
                tag.setInvalid(false);
            }
        });
        field(tag, "goods-tag", "goods.tag", this::checkTag);
        tag.setVisible(false);

        photo.setId("goods-photo");
        photo.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> receivePhoto(bytes)));
        photo.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        photo.setMaxFiles(1);
        photo.setMaxFileSize(Photos.MAX_BYTES);
        photo.addFileRejectedListener(e -> showProblem(text("error.photo-too-large")));
        photo.addAllFinishedListener(e -> photo.clearFileList());
        photo.setDropLabel(new com.vaadin.flow.component.html.Span(text("goods.photo.drop")));
        photo.setUploadButton(new Button(text("goods.photo.button")));

        Button save = new Button(text("goods.save"), e -> save());
        save.setId("goods-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        Button cancel = new Button(text("goods.cancel"), e -> startNew());
        cancel.setId("goods-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_LARGE);
        problem.setId("goods-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        formTitle.setId("goods-form-title");

        FormLayout form = new FormLayout(name, category, unit, price, cap, eligibility, tag);
        form.setId("goods-form");
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        HorizontalLayout buttons = new HorizontalLayout(save, cancel);
        buttons.setWrap(true);
        add(market, create, items, formTitle, form, photo, problem, buttons);
        market.setValue(mine.getFirst());
    }

    private HorizontalLayout actions(Goods.Item item) {
        Button edit = new Button(text("goods.edit"), e -> startEdit(item));
        edit.setId("goods-edit-" + item.id());
        Button toggle = new Button(text(item.active() ? "goods.deactivate" : "goods.activate"), e -> toggle(item));
        toggle.setId("goods-toggle-" + item.id());
        if (item.active()) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        HorizontalLayout row = new HorizontalLayout(edit, toggle);
        row.setSpacing(true);
        row.setPadding(false);
        return row;
    }

    private void field(TextField field, String id, String label, Runnable check) {
        field.setId(id);
        field.setLabel(text(label));
        field.setValueChangeMode(ValueChangeMode.EAGER);
        field.addValueChangeListener(e -> check.run());
        field.setWidthFull();
    }

    private void startNew() {
        editing = null;
        formTitle.setText(text("goods.form.new"));
        for (TextField f : List.of(name, category, unit, price, cap, tag)) {
            f.clear();
            f.setInvalid(false);
        }
        eligibility.setValue(Eligibility.Rule.EVERYONE);
        photo.setVisible(false);
        problem.setVisible(false);
    }

    private void startEdit(Goods.Item item) {
        editing = item;
        formTitle.setText(text("goods.form.edit", item.name()));
        name.setValue(item.name());
        category.setValue(item.category());
        unit.setValue(item.unit());
        price.setValue(Redemptions.points(item.priceTenths()));
        cap.setValue(item.monthlyCap().map(String::valueOf).orElse(""));
        eligibility.setValue(item.eligibility().rule());
        tag.setValue(item.eligibility().tag().orElse(""));
        photo.setVisible(true);
        problem.setVisible(false);
    }

    private void save() {
        problem.setVisible(false);
        Optional<Goods.Details> details = details();
        if (details.isEmpty()) {
            showProblem(text("goods.fix"));
            return;
        }
        try {
            Goods.Item saved = editing == null
                    ? goods.add(caller, market.getValue().id(), details.get())
                    : goods.edit(caller, market.getValue().id(), editing.id(), details.get());
            Notification.show(text(editing == null ? "goods.added" : "goods.saved", saved.name()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
            startEdit(saved); // a new item can have its photo next
        } catch (MarketRefused refused) {
            fieldOf(refused).ifPresent(f -> {
                f.setErrorMessage(refused.message(locale));
                f.setInvalid(true);
            });
            showProblem(refused.message(locale));
        }
    }

    /** The form's details when every field is right; each wrong field is marked with its message. */
    private Optional<Goods.Details> details() {
        boolean ok = checkName() & checkCategory() & checkUnit() & checkPrice() & checkCap() & checkTag();
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new Goods.Details(
                name.getValue(),
                category.getValue(),
                unit.getValue(),
                Goods.tenths(new BigDecimal(price.getValue().strip())),
                capValue(),
                Eligibility.of(Optional.of(eligibility.getValue().name()), Optional.of(tag.getValue()))));
    }

    private boolean checkName() {
        return check(name, () -> Text.name(name.getValue(), "name"));
    }

    private boolean checkCategory() {
        return check(category, () -> Goods.checked(sample(category.getValue(), null)));
    }

    private boolean checkUnit() {
        return check(unit, () -> Goods.checked(sample(null, unit.getValue())));
    }

    private boolean checkPrice() {
        return check(price, () -> {
            BigDecimal points;
            try {
                points = new BigDecimal(price.getValue().strip());
            } catch (NumberFormatException e) {
                throw MarketRefused.invalid("MARKET_PRICE_INVALID", "price", "error.price");
            }
            Goods.tenths(points);
        });
    }

    private boolean checkCap() {
        return check(cap, this::capValue);
    }

    private boolean checkTag() {
        if (eligibility.getValue() != Eligibility.Rule.TAG) {
            tag.setInvalid(false);
            return true;
        }
        return check(tag, () -> Eligibility.of(Optional.of("TAG"), Optional.of(tag.getValue())));
    }

    private Optional<Integer> capValue() {
        String text = cap.getValue().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) < 1) {
            throw MarketRefused.invalid("MARKET_QUANTITY_INVALID", "monthlyCap", "error.cap");
        }
        return Optional.of(Integer.parseInt(text));
    }

    /** Details that are right but for the category or unit given, to check that one field alone. */
    private static Goods.Details sample(String category, String unit) {
        return new Goods.Details(
                "x",
                category == null ? "x" : category,
                unit == null ? "x" : unit,
                1,
                Optional.empty(),
                Eligibility.EVERYONE);
    }

    private boolean check(TextField field, Runnable check) {
        try {
            check.run();
            field.setInvalid(false);
            return true;
        } catch (MarketRefused refused) {
            field.setErrorMessage(refused.message(locale));
            field.setInvalid(true);
            return false;
        }
    }

    private Optional<TextField> fieldOf(MarketRefused refused) {
        if (refused.field() == null) {
            return Optional.empty();
        }
        return switch (refused.field()) {
            case "name" -> Optional.of(name);
            case "category" -> Optional.of(category);
            case "unit" -> Optional.of(unit);
            case "price" -> Optional.of(price);
            case "monthlyCap" -> Optional.of(cap);
            case "eligibilityTag" -> Optional.of(tag);
            default -> Optional.empty();
        };
    }

    private void toggle(Goods.Item item) {
        try {
            Goods.Item done = goods.setActive(caller, item.marketId(), item.id(), !item.active());
            Notification.show(text(done.active() ? "goods.activated" : "goods.deactivated", done.name()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (MarketRefused refused) {
            showProblem(refused.message(locale));
        }
    }

    /** A photo for the item being edited, checked by its bytes. */
    void receivePhoto(byte[] content) {
        problem.setVisible(false);
        if (editing == null) {
            showProblem(text("goods.choose-photo-item"));
            return;
        }
        try {
            Goods.Item done = goods.photo(caller, editing.marketId(), editing.id(), content);
            editing = done;
            Notification.show(text("goods.photo.set", done.name())).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (MarketRefused refused) {
            showProblem(refused.message(locale));
        }
    }

    private void refresh() {
        Markets.Market chosen = market.getValue();
        items.setItems(chosen == null ? List.of() : goods.of(caller, chosen.id()));
    }

    private String organizationName(Goods.Item item) {
        return market.getValue() == null ? "" : organizationName(market.getValue());
    }

    private String organizationName(Markets.Market of) {
        return organizationNames.computeIfAbsent(Long.toString(of.organizationId()), k -> goods.organizationName(of));
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
