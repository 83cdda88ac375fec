package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.dom.Element;
import java.util.Locale;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;

/**
 * The printable donation receipt (捐赠收据): the community, the market, the donor, the receipt
 * number, the date and the goods with their quantities; 打印 prints only the receipt (a print style
 * hides the rest of the page).
 */
final class Receipt extends Dialog {

    /** Only the receipt on paper: everything else hidden, the receipt at the top of the page. */
    private static final String PRINT_CSS = "@media print {"
            + " body * { visibility: hidden !important; }"
            + " .market-receipt, .market-receipt * { visibility: visible !important; }"
            + " .market-receipt { position: fixed; left: 0; top: 0; width: 100%; padding: 1cm; color: #000; }"
            + " .market-receipt-buttons { display: none !important; }"
            + " }"
            + " .market-receipt table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }"
            + " .market-receipt th, .market-receipt td { border: 1px solid #888; padding: 0.3em 0.6em;"
            + " text-align: left; }";

    Receipt(PluginContext context, PluginCaller caller, Markets.Market market, Donations.Received donation) {
        Locale locale = caller.locale();
        setId("donation-receipt");
        Div sheet = new Div();
        sheet.setId("donation-receipt-sheet");
        sheet.addClassName("market-receipt");
        sheet.setMaxWidth("40em");
        Element style = new Element("style");
        style.setText(PRINT_CSS);
        sheet.getElement().appendChild(style);
        String community = new Goods(context).organizationName(market);
        H2 title = new H2(community + " · " + Messages.get(locale, "receipt.title"));
        title.setId("donation-receipt-title");
        sheet.add(title);
        sheet.add(fact(locale, "receipt.community", community, "community"));
        sheet.add(fact(locale, "receipt.market", market.name(), "market"));
        sheet.add(fact(locale, "receipt.donor", donation.kind().words(locale) + " · " + donation.donor(), "donor"));
        sheet.add(fact(locale, "receipt.no", donation.receiptNo().orElse("—"), "no"));
        sheet.add(fact(
                locale,
                "receipt.date",
                DonationsView.DAY.format(donation.at().atZone(context.clock().getZone())),
                "date"));
        Element table = new Element("table");
        table.setAttribute("id", "donation-receipt-lines");
        Element head = new Element("tr");
        for (String key : new String[] {"receipt.item", "receipt.quantity", "receipt.expiry"}) {
            head.appendChild(new Element("th").setText(Messages.get(locale, key)));
        }
        table.appendChild(head);
        for (Donations.ReceiptLine line : donation.lines()) {
            Element row = new Element("tr");
            row.appendChild(new Element("td").setText(line.name()));
            row.appendChild(new Element("td").setText(line.quantity() + " " + line.unit()));
            row.appendChild(new Element("td")
                    .setText(line.expiresOn().map(DonationsView.DAY::format).orElse("—")));
            table.appendChild(row);
        }
        sheet.getElement().appendChild(table);
        Paragraph total = new Paragraph(Messages.get(locale, "receipt.total", donation.items()));
        total.setId("donation-receipt-total");
        sheet.add(total, new Paragraph(Messages.get(locale, "receipt.thanks")));
        sheet.add(new Paragraph(Messages.get(locale, "receipt.sign")));
        Button print = new Button(
                Messages.get(locale, "receipt.print"),
                e -> UI.getCurrent().getPage().executeJs("window.print()"));
        print.setId("donation-receipt-print");
        print.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        Button close = new Button(Messages.get(locale, "receipt.close"), e -> close());
        close.setId("donation-receipt-close");
        close.addThemeVariants(ButtonVariant.LUMO_LARGE);
        HorizontalLayout buttons = new HorizontalLayout(print, close);
        buttons.addClassName("market-receipt-buttons");
        sheet.add(buttons);
        add(sheet);
    }

    private static Paragraph fact(Locale locale, String key, String value, String id) {
        Paragraph line = new Paragraph(Messages.get(locale, "receipt.fact", Messages.get(locale, key), value));
        line.setId("donation-receipt-" + id);
        line.getStyle().set("margin", "0.25em 0");
        return line;
    }
}
