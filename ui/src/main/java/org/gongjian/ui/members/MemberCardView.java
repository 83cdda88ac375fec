package org.gongjian.ui.members;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.membercodes.MemberCode;
import org.gongjian.membercodes.MemberCodes;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.ui.membercodes.MemberCodeCards;
import org.gongjian.ui.security.CurrentUser;

/**
 * The member's card (会员卡) to print for a member without a smartphone: the QR code of the
 * member's code, large, with the name and organization under it, and nothing else on the page (no
 * menu, so the print is the card). Staff who may edit the member re-issue the code for a lost card
 * after a confirmation: the old card no longer scans.
 */
@Route("members/:id([0-9]+)/card")
@Prototype
final class MemberCardView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Members members;
    private final MemberCodes codes;
    private final MemberCodeCards cards;
    private final Organizations organizations;
    private final Callers callers;
    private Caller caller;
    private MemberView member;

    MemberCardView(
            Members members, MemberCodes codes, MemberCodeCards cards, Organizations organizations, Callers callers) {
        this.members = members;
        this.codes = codes;
        this.cards = cards;
        this.organizations = organizations;
        this.callers = callers;
        setId("member-card-page");
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!MemberAccess.mayRead(event)) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        long id = event.getRouteParameters().getLong("id").orElse(-1L);
        try {
            member = members.get(caller, id);
        } catch (NotFoundException e) {
            Notification.show(getTranslation("error.not-found")).addThemeVariants(NotificationVariant.LUMO_ERROR);
            event.forwardTo(MembersView.class);
            return;
        }
        render(codes.of(caller, member.id()));
    }

    private void render(MemberCode code) {
        removeAll();
        Organization org = organizations.get(caller, member.organizationId());
        Span organization = new Span(org.name());
        organization.setId("member-card-organization");
        organization.getStyle().set("font-size", "1.25rem");
        Paragraph hint = new Paragraph(getTranslation("membercode.card.hint"));

        Button print = new Button(getTranslation("membercode.print"), VaadinIcon.PRINT.create());
        print.setId("member-card-print");
        print.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_LARGE);
        print.addClickListener(e -> getElement().executeJs("window.print()"));
        Button back = new Button(getTranslation("member.back"), VaadinIcon.ARROW_LEFT.create(), e -> getUI().ifPresent(
                        ui -> ui.navigate("members/" + member.id())));
        back.setId("member-card-back");
        back.addThemeVariants(ButtonVariant.LUMO_LARGE);
        HorizontalLayout actions = new HorizontalLayout(back, print);
        actions.addClassName("gj-no-print");
        if (caller.mayEdit(org.path())) {
            Button reissue = new Button(getTranslation("membercode.reissue"), VaadinIcon.REFRESH.create());
            reissue.setId("member-card-reissue");
            reissue.addThemeVariants(ButtonVariant.LUMO_LARGE, ButtonVariant.LUMO_ERROR);
            reissue.addClickListener(e -> confirmReissue());
            actions.add(reissue);
        }
        // The buttons stay on the screen, not on the paper.
        getElement()
                .executeJs("const s = document.createElement('style');"
                        + "s.textContent='@media print { .gj-no-print { display: none !important; } }';"
                        + "this.appendChild(s);");
        add(cards.card(code), organization, hint, actions);
        hint.addClassName("gj-no-print");
    }

    private void confirmReissue() {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("member-card-reissue-confirm");
        dialog.setHeader(getTranslation("membercode.reissue"));
        dialog.setText(getTranslation("membercode.reissue.confirm", member.name()));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("org.cancel"));
        dialog.setConfirmText(getTranslation("membercode.reissue"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> {
            try {
                render(codes.reissue(caller, member.id()));
                Notification.show(getTranslation("membercode.reissued", member.name()))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ForbiddenException | NotFoundException refused) {
                Notification.show(getTranslation("error.forbidden")).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        dialog.open();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("membercode.card") + " · " + (member == null ? "" : member.name()) + " · "
                + getTranslation("app.name");
    }
}
