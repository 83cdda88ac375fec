package org.gongjian.ui.points;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.LitRenderer;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.ledger.AccountView;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.ledger.StatementLine;

/** One account's statement, newest first, a page at a time ("加载更多" continues below the last line). */
final class StatementList extends VerticalLayout {

    static final int PAGE = 20;

    private final LedgerAccess ledger;
    private final Caller caller;
    private final long memberId;
    private final AccountView account;
    private final List<StatementLine> lines = new ArrayList<>();
    private final Grid<StatementLine> grid = new Grid<>();
    private final Button more = new Button();

    StatementList(LedgerAccess ledger, Caller caller, long memberId, AccountView account) {
        this.ledger = ledger;
        this.caller = caller;
        this.memberId = memberId;
        this.account = account;
        setPadding(false);
        setSpacing(false);
        String code = account.assetCode();

        grid.setId("points-statement-" + code);
        grid.addClassName("gj-statement");
        Grid.Column<StatementLine> at = grid.addColumn(
                        l -> PointsText.time(l.transfer().postedAt()))
                .setHeader(getTranslation("points.statement.at"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<StatementLine> reason = grid.addColumn(
                        l -> PointsText.reason(this, l.transfer().reasonCode()))
                .setHeader(getTranslation("points.statement.reason"))
                .setAutoWidth(true);
        Grid.Column<StatementLine> category = grid.addColumn(
                        l -> PointsText.category(this, l.transfer().category()))
                .setHeader(getTranslation("points.statement.category"))
                .setAutoWidth(true);
        Grid.Column<StatementLine> memo = grid.addColumn(l -> memo(l))
                .setHeader(getTranslation("points.statement.memo"))
                .setFlexGrow(1);
        Grid.Column<StatementLine> summary = grid.addColumn(LitRenderer.<StatementLine>of(
                                "<div class=\"gj-line\"><b>${item.reason}</b> · ${item.category}</div>"
                                        + "<div class=\"gj-line-note\">${item.memo}</div>"
                                        + "<div class=\"gj-line-note\">${item.at}</div>")
                        .withProperty(
                                "reason",
                                l -> PointsText.reason(this, l.transfer().reasonCode()))
                        .withProperty(
                                "category",
                                l -> PointsText.category(this, l.transfer().category()))
                        .withProperty("memo", StatementList::memo)
                        .withProperty("at", l -> PointsText.time(l.transfer().postedAt())))
                .setHeader(getTranslation("points.statement.reason"))
                .setFlexGrow(1);
        grid.addColumn(l -> PointsText.signed(this, l.amount(), account.unitScale(), account.assetType()))
                .setHeader(getTranslation("points.statement.amount"))
                .setPartNameGenerator(l -> l.amount() > 0 ? "gj-plus" : "gj-minus")
                .setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<StatementLine> balance = grid.addColumn(
                        l -> PointsText.amount(this, l.balance(), account.unitScale(), account.assetType()))
                .setHeader(getTranslation("points.statement.balance"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        PhoneColumns.apply(grid, List.of(at, reason, category, memo, balance), summary);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);

        more.setText(getTranslation("points.statement.more"));
        more.setId("points-more-" + code);
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(e -> load());

        Span empty = new Span(getTranslation("points.statement.empty"));
        empty.setId("points-empty-" + code);
        empty.addClassName("gj-card-note");
        add(new H4(account.assetName()));
        load();
        if (lines.isEmpty()) {
            add(empty);
        } else {
            add(grid, more);
        }
    }

    private static String memo(StatementLine line) {
        return line.transfer().memo() == null ? "" : line.transfer().memo();
    }

    private void load() {
        Long before = lines.isEmpty() ? null : lines.getLast().seq();
        List<StatementLine> page = ledger.memberStatement(caller, memberId, account.assetId(), before, PAGE + 1);
        lines.addAll(page.subList(0, Math.min(PAGE, page.size())));
        grid.setItems(lines);
        more.setVisible(page.size() > PAGE);
    }
}
