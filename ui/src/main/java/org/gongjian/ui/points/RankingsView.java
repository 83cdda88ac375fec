package org.gongjian.ui.points;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.NotFoundException;
import org.gongjian.ledger.AccountView;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.Rankings;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;

/**
 * 积分排行 / 红黑榜: for a point kind, an organization and a period, those who earned the most (red
 * list) and those with the most deducted (black list), side by side on a desktop and stacked on a
 * phone, in large text; a member sees their own rank first. Staff choose among the organizations
 * they read; a member among their own organization and those above it.
 */
@Route(value = "points/rankings", layout = MainLayout.class)
@Prototype
final class RankingsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    static final List<String> PERIODS = List.of("MONTH", "QUARTER", "YEAR", "ALL");
    static final int SHOWN = 20;

    private final Rankings rankings;
    private final Organizations organizations;
    private final PointKinds kinds;
    private final Members members;
    private final LedgerAccess ledgerAccess;
    private final Ledger ledger;
    private final Callers callers;
    private final Select<Organization> organization = new Select<>();
    private final Select<Asset> kind = new Select<>();
    private final Select<String> period = new Select<>();
    private final Div me = new Div();
    private final Div board = new Div();
    private final Span empty = new Span();
    private Caller caller;

    RankingsView(
            Rankings rankings,
            Organizations organizations,
            PointKinds kinds,
            Members members,
            LedgerAccess ledgerAccess,
            Ledger ledger,
            Callers callers) {
        this.rankings = rankings;
        this.organizations = organizations;
        this.kinds = kinds;
        this.members = members;
        this.ledgerAccess = ledgerAccess;
        this.ledger = ledger;
        this.callers = callers;
        setId("rankings");
        addClassName("gj-rankings");

        organization.setLabel(getTranslation("points.rankings.organization"));
        organization.setId("rankings-organization");
        organization.setItemLabelGenerator(Organization::name);
        organization.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                loadKinds();
            }
        });
        kind.setLabel(getTranslation("points.rankings.kind"));
        kind.setId("rankings-kind");
        kind.setItemLabelGenerator(Asset::name);
        kind.addValueChangeListener(e -> refresh());
        period.setLabel(getTranslation("points.rankings.period"));
        period.setId("rankings-period");
        period.setItems(PERIODS);
        period.setItemLabelGenerator(p -> getTranslation("points.period." + p));
        period.setValue("MONTH");
        period.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(organization, kind, period);
        filters.addClassName("gj-wrap");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);

        me.setId("rankings-me");
        me.addClassName("gj-rank-me");
        board.setId("rankings-board");
        board.addClassName("gj-board");
        empty.setId("rankings-none");
        empty.setText(getTranslation("points.rankings.no-kinds"));
        empty.setVisible(false);
        add(new H2(getTranslation("points.rankings.title")), filters, empty, me, board);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        Map<Long, Organization> choices = new LinkedHashMap<>();
        if (caller.memberId() != null) {
            // The member's own organization first, then those above it: their own community's board.
            long own = members.get(caller, caller.memberId()).organizationId();
            for (Organization o = organizations.find(own).orElse(null);
                    o != null;
                    o = o.parentId() == null
                            ? null
                            : organizations.find(o.parentId()).orElse(null)) {
                choices.put(o.id(), o);
            }
        }
        for (var node : OrganizationChoices.flatten(organizations.tree(caller))) {
            choices.computeIfAbsent(node.id(), id -> organizations.get(caller, id));
        }
        organization.setItems(new ArrayList<>(choices.values()));
        if (choices.isEmpty()) {
            empty.setVisible(true);
            return;
        }
        organization.setValue(choices.values().iterator().next());
    }

    /** The kinds usable at the organization; a member who does not read it sees the kinds they hold. */
    private void loadKinds() {
        List<Asset> usable;
        try {
            usable = kinds.usableAt(caller, organization.getValue().id());
        } catch (NotFoundException e) {
            usable = caller.memberId() == null
                    ? List.of()
                    : ledgerAccess.memberAccounts(caller, caller.memberId()).stream()
                            .filter(a -> a.assetType() == AssetType.POINTS)
                            .map(AccountView::assetId)
                            .map(id -> ledger.asset(id).orElseThrow())
                            .filter(a -> organization.getValue().path().startsWith(a.orgPath()))
                            .toList();
        }
        kind.setItems(usable);
        empty.setVisible(usable.isEmpty());
        if (usable.isEmpty()) {
            board.removeAll();
            me.removeAll();
        } else {
            kind.setValue(usable.getFirst());
        }
    }

    private void refresh() {
        board.removeAll();
        me.removeAll();
        if (organization.getValue() == null || kind.getValue() == null || period.getValue() == null) {
            return;
        }
        Rankings.Board b = rankings.board(
                caller, kind.getValue().id(), organization.getValue().id(), period.getValue(), SHOWN);
        int scale = b.red().unitScale();
        if (b.red().me() != null) {
            Rankings.Line mine = b.red().me();
            Span text = new Span(getTranslation(
                    "points.rankings.me",
                    mine.rank(),
                    PointsText.amount(this, mine.points(), scale, AssetType.POINTS)));
            text.setId("rankings-me-text");
            me.add(text);
        }
        me.setVisible(b.red().me() != null);
        board.add(
                list("red", getTranslation("points.rankings.red"), b.red(), scale),
                list("black", getTranslation("points.rankings.black"), b.black(), scale));
    }

    private Div list(String id, String title, Rankings.Ranking ranking, int scale) {
        Div box = new Div();
        box.setId("rankings-" + id);
        box.addClassNames("gj-board-list", "gj-board-" + id);
        box.add(new H3(title));
        if (ranking.lines().isEmpty()) {
            Span none = new Span(getTranslation("points.rankings.empty"));
            none.addClassName("gj-card-note");
            box.add(none);
        }
        int i = 0;
        for (Rankings.Line line : ranking.lines()) {
            Span rank = new Span(Integer.toString(line.rank()));
            rank.addClassName("gj-rank");
            Span name = new Span(line.name());
            name.addClassName("gj-rank-name");
            Span pts = new Span(PointsText.amount(this, line.points(), scale, AssetType.POINTS));
            pts.addClassName("gj-rank-points");
            Div row = new Div(rank, name, pts);
            row.addClassName("gj-rank-row");
            if (caller.memberId() != null && caller.memberId() == line.memberId()) {
                row.addClassName("gj-rank-row-me");
            }
            row.setId("rankings-" + id + "-" + i++);
            box.add(row);
        }
        return box;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("points.rankings.title") + " · " + getTranslation("app.name");
    }
}
