package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
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
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.UploadHandler;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.MemberRef;
import org.gongjian.plugin.api.Members;
import org.gongjian.plugin.api.OrganizationRef;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * 捐赠登记: the intake form (the donor's kind, a resident picked by name, pinyin or phone digits,
 * the donor's name, the receipt number, lines with optional expiry dates, an optional photo), the
 * market's donations newest first with a printable receipt (捐赠收据) each; and purchases with the
 * community's funds (采购入库) with their list.
 */
public class DonationsView extends VerticalLayout {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final PluginContext context;
    private final PluginCaller caller;
    private final Locale locale;
    private final ZoneId zone;
    private final Goods goods;
    private final Donations donations;
    private final Purchases purchases;
    private final Select<Markets.Market> market = new Select<>();
    private final Select<Donations.DonorKind> kind = new Select<>();
    private final ComboBox<MemberRef> resident = new ComboBox<>();
    private final TextField donor = new TextField();
    private final TextField receiptNo = new TextField();
    private final LinesEditor donated;
    private final Upload photo = new Upload();
    private final Span photoName = new Span();
    private final Paragraph problem = new Paragraph();
    private final Grid<Donations.Received> list = new Grid<>();
    private final TextField supplier = new TextField();
    private final TextField amount = new TextField();
    private final TextField purchaseReceipt = new TextField();
    private final LinesEditor bought;
    private final Paragraph purchaseProblem = new Paragraph();
    private final Grid<Purchases.Purchase> purchaseList = new Grid<>();
    private byte[] pendingPhoto;

    public DonationsView(PluginContext context, PluginCaller caller) {
        this.context = context;
        this.caller = caller;
        this.locale = caller.locale();
        this.zone = context.clock().getZone();
        this.goods = new Goods(context);
        this.donations = new Donations(context);
        this.purchases = new Purchases(context);
        this.donated = new LinesEditor("donations-line", locale, context.clock());
        this.bought = new LinesEditor("purchases-line", locale, context.clock());
        setId("market-donations");
        add(new H2(text("donations.title")));
        Markets markets = new Markets(context);
        List<Markets.Market> mine = new ArrayList<>();
        for (OrganizationRef org : context.require(Access.class).organizations(caller)) {
            mine.addAll(markets.of(caller, org.id()));
        }
        if (mine.isEmpty()) {
            add(new Paragraph(text("counter.no-market")));
            return;
        }
        market.setId("donations-market");
        market.setLabel(text("goods.market"));
        market.setItems(mine);
        market.setItemLabelGenerator(Markets.Market::name);
        market.addValueChangeListener(e -> refresh());

        kind.setId("donations-kind");
        kind.setLabel(text("donations.kind"));
        kind.setItems(Donations.DonorKind.values());
        kind.setItemLabelGenerator(k -> k.words(locale));
        kind.setValue(Donations.DonorKind.MERCHANT);
        kind.addValueChangeListener(e -> {
            resident.setVisible(e.getValue() == Donations.DonorKind.RESIDENT);
            if (e.getValue() != Donations.DonorKind.RESIDENT) {
                resident.clear();
            }
        });
        Members people = context.require(Members.class);
        resident.setId("donations-resident");
        resident.setLabel(text("donations.resident"));
        resident.setItems(query ->
                people
                        .search(caller, query.getFilter().orElse(""), Math.min(query.getLimit(), Members.MAX_RESULTS))
                        .stream()
                        .skip(query.getOffset())
                        .limit(query.getLimit()));
        resident.setItemLabelGenerator(m -> m.name() + " · " + m.organizationName()
                + m.phoneMasked().map(p -> " · " + p).orElse(""));
        resident.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                donor.setValue(e.getValue().name());
            }
        });
        resident.setVisible(false);
        donor.setId("donations-donor");
        donor.setLabel(text("donations.donor"));
        donor.setValueChangeMode(ValueChangeMode.EAGER);
        donor.addValueChangeListener(e -> checkDonor());
        receiptNo.setId("donations-receipt-no");
        receiptNo.setLabel(text("donations.receipt-no"));
        receiptNo.setValueChangeMode(ValueChangeMode.EAGER);
        receiptNo.addValueChangeListener(e -> checkReceipt(receiptNo));
        photo.setId("donations-photo");
        photo.setUploadHandler(UploadHandler.inMemory((meta, bytes) -> receivePhoto(meta.fileName(), bytes)));
        photo.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        photo.setMaxFiles(1);
        photo.setMaxFileSize(Photos.MAX_BYTES);
        photo.addFileRejectedListener(e -> showProblem(problem, text("error.photo-too-large")));
        photo.setUploadButton(new Button(text("goods.photo.button")));
        photo.setDropLabel(new Span(text("donations.photo")));
        photoName.setId("donations-photo-name");
        Button submit = new Button(text("donations.submit"), e -> receive());
        submit.setId("donations-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        problem.setId("donations-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        problem.setVisible(false);
        FormLayout form = new FormLayout(kind, resident, donor, receiptNo);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));

        list.setId("donations-list");
        list.addColumn(d -> DAY.format(d.at().atZone(zone)))
                .setHeader(text("donations.at"))
                .setKey("at");
        list.addColumn(d -> d.kind().words(locale))
                .setHeader(text("donations.kind"))
                .setKey("kind");
        list.addColumn(Donations.Received::donor)
                .setHeader(text("donations.donor"))
                .setKey("donor")
                .setFlexGrow(2);
        list.addColumn(d -> d.receiptNo().orElse("—"))
                .setHeader(text("donations.receipt-no"))
                .setKey("receiptNo");
        list.addColumn(Donations.Received::items)
                .setHeader(text("donations.items"))
                .setKey("items");
        list.addComponentColumn(d -> {
                    Button print = new Button(text("donations.print"), e -> openReceipt(d));
                    print.setId("donations-receipt-" + d.id());
                    return print;
                })
                .setKey("receipt");
        list.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        list.setAllRowsVisible(true);
        // Excel: the donations list's export belongs here (the SDK's spreadsheet service).

        supplier.setId("purchases-supplier");
        supplier.setLabel(text("purchases.supplier"));
        supplier.setValueChangeMode(ValueChangeMode.EAGER);
        supplier.addValueChangeListener(e -> checkSupplier());
        amount.setId("purchases-amount");
        amount.setLabel(text("purchases.amount"));
        amount.setHelperText(text("purchases.amount.help"));
        amount.setValueChangeMode(ValueChangeMode.EAGER);
        amount.addValueChangeListener(e -> checkAmount());
        purchaseReceipt.setId("purchases-receipt-no");
        purchaseReceipt.setLabel(text("donations.receipt-no"));
        purchaseReceipt.setValueChangeMode(ValueChangeMode.EAGER);
        purchaseReceipt.addValueChangeListener(e -> checkReceipt(purchaseReceipt));
        Button buy = new Button(text("purchases.submit"), e -> purchase());
        buy.setId("purchases-submit");
        buy.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        purchaseProblem.setId("purchases-problem");
        purchaseProblem.getStyle().set("color", "var(--lumo-error-text-color)");
        purchaseProblem.setVisible(false);
        FormLayout purchaseForm = new FormLayout(supplier, amount, purchaseReceipt);
        purchaseForm.setResponsiveSteps(
                new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        purchaseList.setId("purchases-list");
        purchaseList.addColumn(p -> DAY.format(p.at().atZone(zone))).setHeader(text("donations.at"));
        purchaseList
                .addColumn(Purchases.Purchase::supplier)
                .setHeader(text("purchases.supplier"))
                .setFlexGrow(2);
        purchaseList.addColumn(p -> Purchases.yuan(p.amountCents())).setHeader(text("purchases.amount"));
        purchaseList.addColumn(p -> p.receiptNo().orElse("—")).setHeader(text("donations.receipt-no"));
        purchaseList.addColumn(Purchases.Purchase::items).setHeader(text("donations.items"));
        purchaseList.setAllRowsVisible(true);
        // Excel: the purchases list's export belongs here (the SDK's spreadsheet service).

        add(
                market,
                form,
                donated,
                photo,
                photoName,
                problem,
                submit,
                new H3(text("donations.list")),
                list,
                new H3(text("purchases.title")),
                purchaseForm,
                bought,
                purchaseProblem,
                buy,
                new H3(text("purchases.list")),
                purchaseList);
        market.setValue(mine.getFirst());
    }

    /** The photo of the donation to come, checked by its bytes now (the name says nothing). */
    void receivePhoto(String fileName, byte[] content) {
        problem.setVisible(false);
        try {
            Photos.check(content);
            pendingPhoto = content;
            photoName.setText(fileName == null ? "" : fileName);
        } catch (MarketRefused refused) {
            pendingPhoto = null;
            photoName.setText("");
            showProblem(problem, refused.message(locale));
        }
    }

    private void receive() {
        problem.setVisible(false);
        Optional<List<Intake>> lines = donated.lines();
        boolean ok = checkDonor() & checkReceipt(receiptNo) & lines.isPresent();
        if (kind.getValue() == Donations.DonorKind.RESIDENT && resident.getValue() == null) {
            resident.setErrorMessage(text("donations.choose-resident"));
            resident.setInvalid(true);
            ok = false;
        }
        if (!ok) {
            showProblem(problem, text("donations.fix"));
            return;
        }
        try {
            Donations.Donation done = donations.receive(
                    caller,
                    market.getValue().id(),
                    kind.getValue(),
                    donor.getValue(),
                    Optional.ofNullable(resident.getValue()).map(MemberRef::id),
                    Optional.of(receiptNo.getValue()),
                    lines.get(),
                    Optional.ofNullable(pendingPhoto));
            Notification.show(text("donations.received", done.donor(), done.items()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            donor.clear();
            donor.setInvalid(false);
            receiptNo.clear();
            resident.clear();
            pendingPhoto = null;
            photoName.setText("");
            photo.clearFileList();
            refresh();
        } catch (MarketRefused refused) {
            showProblem(problem, refused.message(locale));
        }
    }

    private void purchase() {
        purchaseProblem.setVisible(false);
        Optional<List<Intake>> lines = bought.lines();
        boolean ok = checkSupplier() & checkAmount() & checkReceipt(purchaseReceipt) & lines.isPresent();
        if (!ok) {
            showProblem(purchaseProblem, text("donations.fix"));
            return;
        }
        try {
            Purchases.Purchase done = purchases.record(
                    caller,
                    market.getValue().id(),
                    supplier.getValue(),
                    Purchases.cents(new BigDecimal(amount.getValue().strip())),
                    Optional.of(purchaseReceipt.getValue()),
                    lines.get());
            Notification.show(text(
                            "purchases.recorded", done.supplier(), done.items(), Purchases.yuan(done.amountCents())))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            supplier.clear();
            supplier.setInvalid(false);
            amount.clear();
            amount.setInvalid(false);
            purchaseReceipt.clear();
            refresh();
        } catch (MarketRefused refused) {
            showProblem(purchaseProblem, refused.message(locale));
        }
    }

    private boolean checkDonor() {
        return check(donor, () -> Text.name(donor.getValue(), "donor", "MARKET_DONOR_INVALID", "error.donor"));
    }

    private boolean checkSupplier() {
        return check(
                supplier,
                () -> Text.name(supplier.getValue(), "supplier", "MARKET_SUPPLIER_INVALID", "error.supplier"));
    }

    private boolean checkAmount() {
        return check(amount, () -> {
            try {
                Purchases.cents(new BigDecimal(amount.getValue().strip()));
            } catch (NumberFormatException e) {
                throw MarketRefused.invalid("MARKET_AMOUNT_INVALID", "amount", "error.amount");
            }
        });
    }

    private boolean checkReceipt(TextField field) {
        return check(field, () -> Donations.receipt(Optional.of(field.getValue())));
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

    private void openReceipt(Donations.Received donation) {
        new Receipt(context, caller, market.getValue(), donation).open();
    }

    private void refresh() {
        Markets.Market chosen = market.getValue();
        if (chosen == null) {
            return;
        }
        List<Goods.Item> offered = goods.of(caller, chosen.id());
        donated.setGoods(offered);
        bought.setGoods(offered);
        list.setItems(donations.of(caller, chosen.id(), ListDonations.LIMIT));
        purchaseList.setItems(purchases.of(caller, chosen.id(), ListDonations.LIMIT));
    }

    private void showProblem(Paragraph where, String message) {
        where.setText(message);
        where.setVisible(true);
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
