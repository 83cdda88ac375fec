package org.gongjian.ui.timebank;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import org.gongjian.access.Caller;
import org.gongjian.members.MemberView;
import org.gongjian.points.Stars;
import org.gongjian.time.ApplicationTime;
import org.gongjian.timebank.StatementEntry;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankAccount;

/**
 * A member's time bank on their page: the balance in hours with the volunteer stars, the newest
 * statement lines (each with its reason, category and the other side), and for staff of the
 * member's organization the deposit form and the form to spend, gift or donate minutes.
 */
public final class TimeBankCard extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int LINES = 50;

    private final TimeBank timeBank;
    private final Stars stars;
    private final Caller caller;
    private final long memberId;
    private final Span balance = new Span();
    private final Span policy = new Span();
    private final Div rating = new Div();
    private final Grid<StatementEntry> statement = new Grid<>();

    /**
     * @param mayAct whether the caller records service and moves time for the member (staff of
     *     the member's organization)
     */
    public TimeBankCard(TimeBank timeBank, Stars stars, Caller caller, MemberView member, boolean mayAct) {
        this.timeBank = timeBank;
        this.stars = stars;
        this.caller = caller;
        this.memberId = member.id();
        setId("timebank-card");
        setPadding(false);
        balance.setId("timebank-balance");
        balance.addClassName("gj-timebank-balance");
        policy.setId("timebank-policy");
        Button deposit = new Button(getTranslation("timebank.deposit"), VaadinIcon.PLUS.create());
        deposit.setId("timebank-deposit");
        deposit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        deposit.setVisible(mayAct);
        deposit.addClickListener(e -> new DepositForm(timeBank, caller, memberId, this::refresh).open());
        Button move = new Button(getTranslation("timebank.move"), VaadinIcon.EXCHANGE.create());
        move.setId("timebank-move");
        move.setVisible(mayAct);
        move.addClickListener(e -> new MoveForm(
                        timeBank,
                        caller,
                        memberId,
                        member.organizationId(),
                        EnumSet.allOf(MoveForm.Kind.class),
                        this::refresh)
                .open());
        HorizontalLayout head = new HorizontalLayout(balance, deposit, move);
        head.setAlignItems(FlexComponent.Alignment.BASELINE);
        head.addClassName("gj-wrap");

        statement.setId("timebank-statement");
        statement
                .addColumn(l -> TIME.format(l.postedAt().atZone(ApplicationTime.ZONE)))
                .setHeader(getTranslation("timebank.at"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> (l.minutes() > 0 ? "+" : "") + l.hours().toPlainString())
                .setHeader(getTranslation("timebank.change"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> l.balanceHours().toPlainString())
                .setHeader(getTranslation("timebank.balance"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> label("timebank.reason.", l.reasonCode()))
                .setHeader(getTranslation("timebank.reason"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> label("timebank.category.", l.category()))
                .setHeader(getTranslation("timebank.category"))
                .setAutoWidth(true);
        statement
                .addColumn(l -> l.counterpartyName() == null ? "—" : l.counterpartyName())
                .setHeader(getTranslation("timebank.counterparty"));
        statement.addColumn(l -> l.memo() == null ? "" : l.memo()).setHeader(getTranslation("timebank.memo"));
        statement.setAllRowsVisible(true);
        add(head, rating, policy, statement);
        refresh();
    }

    /** Reads the balance and statement again (after a deposit). */
    void refresh() {
        TimeBankAccount account = timeBank.account(caller, memberId);
        balance.setText(
                getTranslation("timebank.balance.value", account.balanceHours().toPlainString()));
        policy.setText(getTranslation(
                account.maySpend() ? "timebank.may-spend" : "timebank.may-not-spend",
                account.policy().spendingMinAge(),
                account.policy().storageCapHours().toPlainString()));
        rating.removeAll();
        rating.add(new StarsBadge(stars.of(caller, memberId)));
        statement.setItems(timeBank.statement(caller, memberId, null, LINES));
    }

    /** The label of a stable code, or the code itself when the bundles do not know it. */
    private String label(String prefix, String code) {
        String text = getTranslation(prefix + code);
        return text.startsWith("!") ? code : text;
    }
}
