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

/**
 * The "积分与时间币" section of a member's page: one card per account with its balance (and the
 * volunteer stars on the time-bank card), a statement per account with the reason and category of
 * every line, and for staff and administrators the 加分 / 扣分 form.
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
     */
    public MemberPointsSection show(Caller caller, MemberView member, boolean mayAdjust) {
        this.caller = caller;
        this.member = member;
        this.mayAdjust = mayAdjust;
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
        List<AccountView> accounts = ledger.memberAccounts(caller, member.id());
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
            Stars.Rating rating = stars.of(caller, member.id());
            Span star = new Span(
                    "★".repeat(rating.stars()) + "☆".repeat(rating.thresholds().size() - rating.stars()));
            star.addClassName("gj-stars");
            star.setId("points-stars");
            star.getElement().setAttribute("aria-label", getTranslation("points.stars", rating.stars()));
            Span hours = new Span(getTranslation(
                    "points.service-hours", PointsText.number(rating.serviceMinutes(), 60, AssetType.TIME)));
            hours.addClassName("gj-card-note");
            hours.setId("points-service-hours");
            card.add(star, hours);
            if (rating.nextAt() != null) {
                Span next = new Span(getTranslation("points.next-star", rating.nextAt()));
                next.addClassName("gj-card-note");
                card.add(next);
            }
        }
        return card;
    }
}
