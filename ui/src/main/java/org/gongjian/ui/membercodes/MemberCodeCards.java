package org.gongjian.ui.membercodes;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.membercodes.MemberCode;
import org.gongjian.membercodes.MemberCodes;
import org.gongjian.qrcodes.QrCodeRenderer;

/**
 * A member's code as people see it: a large QR code (black on white, for a counter's scanner to
 * read off a phone or a card) with the member's name under it in large print; no id, no text of
 * the code.
 */
@Singleton
public final class MemberCodeCards {

    private final MemberCodes codes;
    private final QrCodeRenderer qr;

    MemberCodeCards(MemberCodes codes, QrCodeRenderer qr) {
        this.codes = codes;
        this.qr = qr;
    }

    /** The signed-in member's own code, with a title and a line on where to show it; empty without a member record. */
    public Optional<Component> mine(Caller caller) {
        if (caller.memberId() == null) {
            return Optional.empty();
        }
        MemberCode code;
        try {
            code = codes.own(caller);
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
        Div section = new Div();
        section.setId("my-member-code");
        section.addClassName("gj-member-code");
        H3 title = new H3(section.getTranslation("membercode.mine"));
        Paragraph hint = new Paragraph(section.getTranslation("membercode.mine.hint"));
        section.add(title, card(code), hint);
        return Optional.of(section);
    }

    /** The card of one member's current code. */
    public Component card(MemberCode code) {
        Div card = new Div();
        card.addClassName("gj-member-code-card");
        card.getStyle()
                .set("max-width", "20em")
                .set("padding", "1em")
                .set("background", "#fff")
                .set("border", "1px solid var(--lumo-contrast-20pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("text-align", "center");
        Image picture = new Image(qr.svgDataUrl(code.text()), card.getTranslation("membercode.alt", code.name()));
        picture.setId("member-code-qr");
        picture.setWidth("100%");
        picture.getStyle().set("display", "block");
        Span name = new Span(code.name());
        name.setId("member-code-name");
        name.getStyle()
                .set("display", "block")
                .set("font-size", "2rem")
                .set("font-weight", "700")
                .set("color", "#000")
                .set("margin-top", "0.25em");
        card.add(picture, name);
        return card;
    }
}
