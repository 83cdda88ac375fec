package org.gongjian.ui.points;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.ledger.AccountView;
import org.gongjian.ledger.AssetType;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.members.MemberView;
import org.gongjian.points.Adjustments;
import org.gongjian.points.PointKinds;
import org.gongjian.points.Stars;
import org.gongjian.ui.timebank.StarsBadge;

/**
 * A member's points: one card per account with its balance, a statement per account with the
 * reason and category of every line, and for staff and administrators the 加分 / 扣分 form. On 我的积分
 * it shows the time bank too (with the volunteer stars); the member page leaves the time bank to
 * its own section ({@code TimeBankCard}), so that no balance is shown twice.
 */
@Prototype
public final class MemberPointsSection extends VerticalLayout {

    private final LedgerAccess ledger;
    private final Stars stars;
    private final PointKinds kinds;
    private final Adjustments adjustments;
    private Caller caller;
    private MemberView member;
    private boolean mayAdjust;
    private boolean withTime;

    MemberPointsSection(LedgerAccess ledger, Stars stars, PointKinds kinds, Adjustments adjustments) {
        this.ledger = ledger;
        this.stars = stars;
        this.kinds = kinds;
        this.adjustments = adjustments;
        setId("points-section");
        setPadding(false);
        addClassName("gj-points");
    }

    /**
     * Shows the member's accounts as the caller sees them.
     *
     * @param mayAdjust whether the caller may award and deduct points (staff and administrators of
     *     the member's organization)
     * @param withTime whether the time-bank account is shown too
     */
    public MemberPointsSection show(Caller caller, MemberView member, boolean mayAdjust, boolean withTime) {
        this.caller = caller;
        this.member = member;
        this.mayAdjust = mayAdjust;
        this.withTime = withTime;
        render();
        return this;
    }

    private void render() {
        removeAll();
        add(new H3(getTranslation("points.section")));
        if (mayAdjust) {
            Button adjust = new Button(
                    getTranslation("points.adjust"),
                    VaadinIcon.PLUS_MINUS.create(),
                    e -> new AdjustmentDialog(caller, member, kinds, adjustments, this::render).open());
            adjust.setId("points-adjust");
            add(adjust);
        }
        List<AccountView> accounts = ledger.memberAccounts(caller, member.id()).stream()
                .filter(a -> withTime || a.assetType() != AssetType.TIME)
                .toList();
        Div cards = new Div();
        cards.addClassName("gj-cards");
        for (AccountView account : accounts) {
            cards.add(card(account));
        }
        add(cards);
        for (AccountView account : accounts) {
            add(new StatementList(ledger, caller, member.id(), account));
        }
    }

    private Div card(AccountView account) {
        Span balance = new Span(PointsText.amount(this, account.balance(), account.unitScale(), account.assetType()));
        balance.addClassName("gj-card-value");
        balance.setId("points-balance-" + account.assetCode());
        Span caption = new Span(account.assetName());
        caption.addClassName("gj-card-label");
        Div card = new Div(balance, caption);
        card.addClassName("gj-card");
        card.setId("points-card-" + account.assetCode());
        if (account.assetType() == AssetType.TIME) {
            card.add(new StarsBadge(stars.of(caller, member.id())));
        }
        return card;
    }
}
