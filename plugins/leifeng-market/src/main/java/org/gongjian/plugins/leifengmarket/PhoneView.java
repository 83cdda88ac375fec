package org.gongjian.plugins.leifengmarket;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.gongjian.plugin.api.Access;
import org.gongjian.plugin.api.PluginCaller;
import org.gongjian.plugin.api.PluginContext;
import org.gongjian.plugin.api.QrCodes;

/**
 * The volunteer's phone page, in large text: my points, the goods of my community's market with
 * one big button each to reserve, and my reservations with their pickup codes.
 */
public class PhoneView extends VerticalLayout {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private final PluginCaller caller;
    private final Locale locale;
    private final Goods goods;
    private final Reservations reservations;
    private final Redemptions redemptions;
    private final QrCodes qr;
    private final ZoneId zone;
    private final List<Markets.Market> markets = new ArrayList<>();
    private final Span balance = new Span();
    private final Paragraph notice = new Paragraph();
    private final VerticalLayout shelf = new VerticalLayout();
    private final VerticalLayout mine = new VerticalLayout();

    public PhoneView(PluginContext context, PluginCaller caller) {
        this.caller = caller;
        this.locale = caller.locale();
        this.goods = new Goods(context);
        this.reservations = new Reservations(context);
        this.redemptions = new Redemptions(context);
        this.qr = context.require(QrCodes.class);
        this.zone = context.clock().getZone();
        setId("market-phone");
        getStyle().set("font-size", "1.3rem");
        Markets all = new Markets(context);
        // The organizations the volunteer belongs to (a volunteer's grant), and those the caller reads.
        java.util.Set<Long> organizations = new java.util.LinkedHashSet<>();
        caller.grants().forEach(g -> organizations.add(g.organizationId()));
        context.require(Access.class).organizations(caller).forEach(o -> organizations.add(o.id()));
        for (long org : organizations) {
            all.of(caller, org).stream().filter(Markets.Market::active).forEach(markets::add);
        }
        balance.setId("market-phone-balance");
        balance.getStyle().set("font-size", "1.5rem").set("font-weight", "600");
        notice.setId("market-phone-notice");
        shelf.setId("market-phone-shelf");
        shelf.setPadding(false);
        mine.setId("market-phone-mine");
        mine.setPadding(false);
        add(new H2(text("phone.title")), balance, notice, mine, shelf);
        refresh();
    }

    private void refresh() {
        shelf.removeAll();
        mine.removeAll();
        if (markets.isEmpty()) {
            shelf.add(new Paragraph(text("counter.no-market")));
            return;
        }
        Markets.Market market = markets.getFirst();
        long tenths = redemptions.balance(caller, caller.memberId().orElse(0L), market);
        balance.setText(text("phone.balance", Redemptions.points(tenths)));
        List<Reservations.Reservation> open = reservations.mine(caller);
        if (!open.isEmpty()) {
            mine.add(new H3(text("phone.mine")));
        }
        for (Reservations.Reservation reservation : open) {
            Div card = new Div();
            card.addClassName("market-phone-reservation");
            Span code = new Span(text("phone.code", reservation.code()));
            code.getStyle().set("font-size", "1.8rem").set("font-weight", "700").set("letter-spacing", "0.1em");
            // Large, for the counter's scanner to read from the phone; the code in letters above it.
            Image picture = new Image(qr.svgDataUrl(reservation.code()), text("phone.qr", reservation.code()));
            picture.setId("market-phone-qr-" + reservation.code());
            picture.addClassName("market-phone-qr");
            picture.setWidth("100%");
            picture.setMaxWidth("18em");
            picture.getStyle().set("display", "block").set("margin", "0.5em 0");
            card.add(
                    code,
                    picture,
                    new Paragraph(text(
                            "phone.until", UNTIL.format(reservation.expiresAt().atZone(zone)))));
            mine.add(card);
        }
        boolean any = false;
        for (Markets.Market each : markets) {
            List<Goods.Item> offered = goods.of(caller, each.id()).stream()
                    .filter(i -> i.active() && i.onHand() > 0)
                    .toList();
            if (offered.isEmpty()) {
                continue;
            }
            any = true;
            shelf.add(new H3(each.name()));
            for (Goods.Item item : offered) {
                Paragraph what = new Paragraph(item.name() + " · " + Redemptions.points(item.priceTenths()) + " "
                        + text("event.redeemed.unit"));
                what.getStyle().set("margin", "0.5em 0 0.25em");
                com.vaadin.flow.component.orderedlayout.HorizontalLayout card =
                        new com.vaadin.flow.component.orderedlayout.HorizontalLayout(
                                Pictures.of(goods, caller, item, "4.5rem", text("phone.photo.none")), what);
                card.setId("market-phone-item-" + item.id());
                card.setAlignItems(Alignment.CENTER);
                Button reserve = new Button(text("phone.reserve", item.unit()), e -> reserve(each, item));
                reserve.setId("market-phone-reserve-" + item.id());
                reserve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
                reserve.setWidthFull();
                reserve.setHeight("3.2em");
                reserve.setDisableOnClick(true); // a double tap reserves once
                shelf.add(card, reserve);
            }
        }
        if (!any) {
            shelf.add(new Paragraph(text("phone.empty")));
        }
    }

    private void reserve(Markets.Market market, Goods.Item item) {
        try {
            Reservations.Reservation done = reservations.reserve(
                    caller, market.id(), "phone-" + UUID.randomUUID(), List.of(new Line(item.id(), 1)));
            notice.setText(text("phone.reserved", done.code()));
            notice.getStyle().set("color", "var(--lumo-success-text-color)");
        } catch (MarketRefused refused) {
            notice.setText(refused.message(locale));
            notice.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        refresh();
    }

    private String text(String key, Object... arguments) {
        return Messages.get(locale, key, arguments);
    }
}
