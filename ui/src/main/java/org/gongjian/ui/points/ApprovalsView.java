package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Ledger;
import org.gongjian.members.Members;
import org.gongjian.points.Adjustment;
import org.gongjian.points.Adjustments;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.security.CurrentUser;

/**
 * 审批: large adjustments waiting for a second administrator, oldest first. The requester sees
 * their own requests but cannot approve them (they may withdraw them by rejecting).
 */
@Route(value = "points/approvals", layout = MainLayout.class)
@Prototype
final class ApprovalsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Adjustments adjustments;
    private final Members members;
    private final Ledger ledger;
    private final UserAdmin users;
    private final Callers callers;
    private final Grid<Adjustment> grid = new Grid<>();
    private final Span empty = new Span();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, String> usernames = new HashMap<>();
    private Caller caller;

    ApprovalsView(Adjustments adjustments, Members members, Ledger ledger, UserAdmin users, Callers callers) {
        this.adjustments = adjustments;
        this.members = members;
        this.ledger = ledger;
        this.users = users;
        this.callers = callers;
        setId("approvals");
        addClassName("gj-approvals");

        grid.setId("approvals-grid");
        Grid.Column<Adjustment> at = grid.addColumn(a -> PointsText.time(a.requestedAt()))
                .setHeader(getTranslation("points.approvals.at"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<Adjustment> member = grid.addColumn(a -> memberName(a.memberId()))
                .setHeader(getTranslation("points.approvals.member"))
                .setAutoWidth(true);
        Grid.Column<Adjustment> amount = grid.addColumn(this::amount)
                .setHeader(getTranslation("points.approvals.amount"))
                .setPartNameGenerator(a -> a.amount() > 0 ? "gj-plus" : "gj-minus")
                .setAutoWidth(true);
        Grid.Column<Adjustment> memo = grid.addColumn(Adjustment::memo)
                .setHeader(getTranslation("points.approvals.memo"))
                .setFlexGrow(1);
        Grid.Column<Adjustment> requester = grid.addColumn(a -> username(a.requestedBy()))
                .setHeader(getTranslation("points.approvals.requester"))
                .setAutoWidth(true);
        Grid.Column<Adjustment> summary = grid.addColumn(
                        LitRenderer.<Adjustment>of("<div class=\"gj-line\"><b>${item.member}</b> ${item.amount}</div>"
                                        + "<div>${item.memo}</div>"
                                        + "<div class=\"gj-line-note\">${item.at} · ${item.requester}</div>")
                                .withProperty("member", a -> memberName(a.memberId()))
                                .withProperty("amount", this::amount)
                                .withProperty("memo", Adjustment::memo)
                                .withProperty("at", a -> PointsText.time(a.requestedAt()))
                                .withProperty("requester", a -> username(a.requestedBy())))
                .setHeader(getTranslation("points.approvals.memo"))
                .setFlexGrow(1);
        grid.addComponentColumn(this::actions)
                .setKey("actions")
                .setHeader(getTranslation("points.approvals.decide"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        PhoneColumns.apply(grid, List.of(at, member, amount, memo, requester), summary);

        empty.setText(getTranslation("points.approvals.empty"));
        empty.setId("approvals-empty");
        add(new H2(getTranslation("points.approvals.title")), empty, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!PointsAccess.allow(event, PointsAccess.administrator())) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        refresh();
    }

    private void refresh() {
        List<Adjustment> inbox = adjustments.inbox(caller);
        grid.setItems(inbox);
        grid.setVisible(!inbox.isEmpty());
        empty.setVisible(inbox.isEmpty());
    }

    private Component actions(Adjustment a) {
        Button approve = new Button(getTranslation("points.approvals.approve"), e -> decide(a, true));
        approve.setId("approvals-approve-" + a.id());
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button reject = new Button(
                getTranslation(
                        a.requestedBy() == caller.userId() ? "points.approvals.withdraw" : "points.approvals.reject"),
                e -> decide(a, false));
        reject.setId("approvals-reject-" + a.id());
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        HorizontalLayout box = new HorizontalLayout(approve, reject);
        box.addClassName("gj-wrap");
        if (a.requestedBy() == caller.userId()) {
            // A disabled button shows no tooltip in every browser: say it next to the button too.
            approve.setEnabled(false);
            approve.setTooltipText(getTranslation("points.approvals.own"));
            Span own = new Span(getTranslation("points.approvals.own"));
            own.addClassName("gj-card-note");
            own.setId("approvals-own-" + a.id());
            box.add(own);
        }
        return box;
    }

    private void decide(Adjustment a, boolean approve) {
        Dialog dialog = new Dialog(getTranslation(
                approve ? "points.approvals.approve.title" : "points.approvals.reject.title",
                memberName(a.memberId()),
                amount(a)));
        TextArea note = new TextArea(getTranslation("points.approvals.note"));
        note.setId("approvals-note");
        note.setMaxLength(200);
        note.setWidthFull();
        dialog.add(new Span(a.memo()), note);
        Button confirm = new Button(getTranslation(approve ? "points.approvals.approve" : "points.approvals.reject"));
        confirm.setId("approvals-confirm");
        confirm.addThemeVariants(approve ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_ERROR);
        confirm.addClickListener(e -> {
            try {
                Adjustment decided = approve
                        ? adjustments.approve(caller, a.id(), note.getValue())
                        : adjustments.reject(caller, a.id(), note.getValue());
                dialog.close();
                if ("REFUSED".equals(decided.status())) {
                    error(ErrorMessages.of(this, "LEDGER_" + decided.ledgerResult()));
                } else {
                    Notification.show(getTranslation("points.approvals.done." + decided.status()))
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                }
            } catch (ForbiddenException ex) {
                dialog.close();
                error(
                        "FORBIDDEN".equals(ex.code())
                                ? getTranslation("error.forbidden")
                                : ErrorMessages.of(this, ex.code()));
            } catch (InvalidInputException ex) {
                dialog.close();
                error(ErrorMessages.of(this, ex));
            } catch (NotFoundException ex) {
                dialog.close();
                error(getTranslation("error.not-found"));
            }
            refresh();
            MainLayout.refreshBadges(this);
        });
        Button cancel = new Button(getTranslation("org.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        dialog.setWidth("min(30rem, 95vw)");
        dialog.open();
    }

    private String amount(Adjustment a) {
        return ledger.asset(a.assetId())
                .map(k -> k.name() + " " + PointsText.signed(this, a.amount(), k.unitScale(), k.type()))
                .orElse(Long.toString(a.amount()));
    }

    private String memberName(long memberId) {
        return names.computeIfAbsent(memberId, id -> {
            try {
                return members.get(caller, id).name();
            } catch (NotFoundException e) {
                return "#" + id;
            }
        });
    }

    private String username(long userId) {
        return usernames.computeIfAbsent(userId, id -> {
            try {
                return users.find(caller, id).username();
            } catch (NotFoundException | ForbiddenException e) { // a requester the caller does not manage
                return "#" + id;
            }
        });
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("points.approvals.title") + " · " + getTranslation("app.name");
    }
}
