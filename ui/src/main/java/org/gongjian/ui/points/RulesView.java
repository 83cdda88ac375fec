package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.EventTypeCatalog;
import org.gongjian.events.EventTypeChoice;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRule;
import org.gongjian.points.PointsRules;
import org.gongjian.points.PointsSettings;
import org.gongjian.points.RuleNotCurrentException;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;

/**
 * 积分规则: the point kinds usable at an organization, the rules that apply there and the
 * organization's points settings; administrators define kinds, create and edit rules with a form
 * that checks as you type (an edit adds a version of the rule), stop rules, and set the approval
 * threshold and star thresholds.
 */
@Route(value = "points/rules", layout = MainLayout.class)
@Prototype
final class RulesView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final PointsRules rules;
    private final PointKinds kinds;
    private final Organizations organizations;
    private final Callers callers;
    private final EventTypeCatalog eventTypes;
    private final Select<OrganizationNode> organization = new Select<>();
    private final Grid<Asset> kindGrid = new Grid<>();
    private final Grid<PointsRule> ruleGrid = new Grid<>();
    private final Button newKind = new Button();
    private final Button newRule = new Button();
    private final PointsSettingsPanel settingsPanel;
    private Caller caller;
    private List<OrganizationNode> choices = List.of();
    private List<Asset> usable = List.of();
    private Map<Long, Asset> kindsById = Map.of();
    private List<EventTypeChoice> offeredTypes = List.of();

    RulesView(
            PointsRules rules,
            PointKinds kinds,
            PointsSettings settings,
            Organizations organizations,
            Callers callers,
            EventTypeCatalog eventTypes) {
        this.eventTypes = eventTypes;
        this.settingsPanel = new PointsSettingsPanel(settings);
        this.rules = rules;
        this.kinds = kinds;
        this.organizations = organizations;
        this.callers = callers;
        setId("rules");

        organization.setLabel(getTranslation("points.rules.organization"));
        organization.setId("rules-organization");
        organization.setItemLabelGenerator(o -> OrganizationChoices.label(this, o));
        organization.addValueChangeListener(e -> refresh());

        newKind.setText(getTranslation("points.kinds.new"));
        newKind.setIcon(VaadinIcon.PLUS.create());
        newKind.setId("kinds-new");
        newKind.addClickListener(e -> openKind());
        newRule.setText(getTranslation("points.rules.new"));
        newRule.setIcon(VaadinIcon.PLUS.create());
        newRule.setId("rules-new");
        newRule.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newRule.addClickListener(e -> openRule(null));
        HorizontalLayout bar = new HorizontalLayout(organization, newRule, newKind);
        bar.addClassName("gj-wrap");
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        kindGrid.setId("kinds-grid");
        kindGrid.addColumn(Asset::name).setHeader(getTranslation("points.kinds.name"));
        kindGrid.addColumn(Asset::code).setHeader(getTranslation("points.kinds.code"));
        kindGrid.addColumn(k -> PointsText.amount(this, 1, k.unitScale(), AssetType.POINTS))
                .setHeader(getTranslation("points.kinds.unit"));
        kindGrid.addColumn(k ->
                        getTranslation("points.kinds.expiry." + k.expiryPolicy(), k.expiryMonthDay(), k.expiryMonths()))
                .setHeader(getTranslation("points.kinds.expiry"));
        kindGrid.setAllRowsVisible(true);

        ruleGrid.setId("rules-grid");
        ruleGrid.addColumn(PointsRule::name)
                .setHeader(getTranslation("points.rules.name"))
                .setAutoWidth(true);
        ruleGrid.addColumn(r -> eventLabel(r.eventType())).setHeader(getTranslation("points.rules.event"));
        ruleGrid.addColumn(this::describe)
                .setKey("points")
                .setHeader(getTranslation("points.rules.points"))
                .setFlexGrow(3);
        ruleGrid.addColumn(this::state)
                .setKey("state")
                .setHeader(getTranslation("points.rules.state"))
                .setAutoWidth(true);
        ruleGrid.addComponentColumn(this::historyButton)
                .setKey("history")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ruleGrid.addComponentColumn(this::editButton)
                .setKey("edit")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ruleGrid.addComponentColumn(this::archiveButton)
                .setKey("archive")
                .setAutoWidth(true)
                .setFlexGrow(0);
        ruleGrid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        ruleGrid.setAllRowsVisible(true);

        add(
                new H2(getTranslation("points.rules.title")),
                bar,
                new H3(getTranslation("points.rules.list")),
                ruleGrid,
                new H3(getTranslation("points.kinds.title")),
                kindGrid,
                settingsPanel);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!PointsAccess.allow(event, PointsAccess.reader())) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        choices = OrganizationChoices.flatten(organizations.tree(caller));
        organization.setItems(choices);
        if (!choices.isEmpty()) {
            organization.setValue(choices.getFirst());
        }
    }

    private boolean manager() {
        return organization.getValue() != null
                && caller.mayManage(organization.getValue().path());
    }

    private void refresh() {
        if (organization.getValue() == null) {
            return;
        }
        usable = kinds.usableAt(caller, organization.getValue().id());
        kindGrid.setItems(usable);
        List<PointsRule> shown = rules.list(caller, organization.getValue().id());
        kindsById = kindsOf(shown);
        offeredTypes = eventTypes.offered(organization.getValue().id(), getLocale());
        ruleGrid.setItems(shown);
        ruleGrid.recalculateColumnWidths();
        newKind.setVisible(manager());
        newRule.setVisible(manager());
        newRule.setEnabled(!usable.isEmpty());
        settingsPanel.show(caller, organization.getValue());
    }

    /**
     * The kinds of the rules shown: those usable at the organization, and for a rule of an
     * organization below it, the kinds usable there (a kind defined down the tree).
     */
    private Map<Long, Asset> kindsOf(List<PointsRule> shown) {
        Map<Long, Asset> byId = new HashMap<>();
        usable.forEach(k -> byId.put(k.id(), k));
        shown.stream()
                .filter(r -> !byId.containsKey(r.assetId()))
                .map(PointsRule::organizationId)
                .distinct()
                .forEach(orgId -> {
                    try {
                        kinds.usableAt(caller, orgId).forEach(k -> byId.putIfAbsent(k.id(), k));
                    } catch (NotFoundException e) {
                        // an ancestor's rule: its kinds are usable here already
                    }
                });
        return byId;
    }

    /** Whether the caller administers the organization of the rule (and so may edit or stop it). */
    private boolean manages(PointsRule r) {
        return choices.stream().anyMatch(o -> o.id() == r.organizationId() && caller.mayManage(o.path()));
    }

    private String state(PointsRule r) {
        String state = getTranslation(r.archived() ? "points.rules.archived" : "points.rules.active");
        return r.version() > 1 ? getTranslation("points.rules.state.version", state, r.version()) : state;
    }

    private String eventLabel(String code) {
        return RuleDialog.eventLabel(this, offeredTypes, code);
    }

    private String describe(PointsRule r) {
        Asset kind = kindsById.get(r.assetId());
        int scale = kind == null ? 1 : kind.unitScale();
        String name = kind == null ? "" : kind.name() + " ";
        String pts = PointsText.signed(this, r.points(), scale, AssetType.POINTS);
        StringBuilder text = new StringBuilder(
                "PER_UNIT".equals(r.formula())
                        ? getTranslation("points.rules.per-unit", name + pts, r.perUnits())
                        : name + pts);
        if (r.conditionKey() != null) {
            text.append(getTranslation("points.rules.when", r.conditionKey(), r.conditionValue()));
        }
        if (r.minQuantity() != null) {
            text.append(getTranslation("points.rules.min-quantity", r.minQuantity()));
        }
        String[] periods = {"day", "week", "month", "year"};
        Long[] caps = {r.capDay(), r.capWeek(), r.capMonth(), r.capYear()};
        for (int i = 0; i < caps.length; i++) {
            if (caps[i] != null) {
                text.append(getTranslation(
                        "points.rules.cap-" + periods[i], PointsText.amount(this, caps[i], scale, AssetType.POINTS)));
            }
        }
        if (r.validFrom() != null || r.validTo() != null) {
            text.append(getTranslation(
                    "points.rules.valid",
                    r.validFrom() == null ? "…" : r.validFrom(),
                    r.validTo() == null ? "…" : r.validTo()));
        }
        return text.toString();
    }

    /** For a rule edited before: its versions, newest first, in a dialog. */
    private Component historyButton(PointsRule r) {
        Button history = new Button(getTranslation("points.rules.history"), e -> openHistory(r));
        history.setId("rules-history-" + r.id());
        history.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        history.setVisible(r.version() > 1);
        return history;
    }

    private void openHistory(PointsRule r) {
        List<PointsRule> versions;
        try {
            versions = rules.versions(caller, r.id());
        } catch (ForbiddenException | NotFoundException ex) {
            error(getTranslation("error.forbidden"));
            return;
        }
        Grid<PointsRule> grid = new Grid<>();
        grid.setId("rules-history-grid");
        grid.addColumn(v -> getTranslation("points.rules.history.version", v.version()))
                .setHeader(getTranslation("points.rules.history.version.header"))
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(PointsRule::name).setHeader(getTranslation("points.rules.name"));
        grid.addColumn(this::describe)
                .setHeader(getTranslation("points.rules.points"))
                .setFlexGrow(3);
        grid.addColumn(v -> getTranslation(
                        v.superseded()
                                ? "points.rules.history.replaced"
                                : v.archived() ? "points.rules.archived" : "points.rules.active"))
                .setHeader(getTranslation("points.rules.state"))
                .setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setItems(versions.stream()
                .sorted(java.util.Comparator.comparingInt(PointsRule::version).reversed())
                .toList());
        grid.setAllRowsVisible(true);
        Dialog dialog = new Dialog(grid);
        dialog.setId("rules-history");
        dialog.setHeaderTitle(getTranslation("points.rules.history.title", r.name()));
        Button close = new Button(getTranslation("points.rules.history.close"), e -> dialog.close());
        close.setId("rules-history-close");
        dialog.getFooter().add(close);
        dialog.setWidth("min(60rem, 95vw)");
        dialog.open();
    }

    private Component editButton(PointsRule r) {
        Button edit = new Button(getTranslation("points.rules.edit"), e -> openRule(r));
        edit.setId("rules-edit-" + r.id());
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        edit.setVisible(!r.archived() && manages(r) && kindsById.containsKey(r.assetId()));
        return edit;
    }

    private Component archiveButton(PointsRule r) {
        Button archive = new Button(getTranslation("points.rules.archive"), e -> {
            try {
                rules.archive(caller, r.id());
                Notification.show(getTranslation("points.rules.archived.done"));
            } catch (RuleNotCurrentException ex) {
                error(ErrorMessages.of(this, ex.code()));
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
            refresh();
        });
        archive.setId("rules-archive-" + r.id());
        archive.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        archive.setVisible(!r.archived() && manages(r));
        return archive;
    }

    /** Opens the rule form: a new rule, or the rule to edit prefilled (its save adds a version). */
    private void openRule(@Nullable PointsRule existing) {
        List<Asset> choices = existing == null ? usable : List.of(kindsById.get(existing.assetId()));
        long organizationId = existing == null ? organization.getValue().id() : existing.organizationId();
        List<EventTypeChoice> types = eventTypes.offered(organizationId, getLocale());
        new RuleDialog(choices, types, organizationId, existing, input -> {
                    try {
                        if (existing == null) {
                            rules.create(caller, input);
                        } else {
                            rules.edit(caller, existing.id(), input);
                        }
                        Notification.show(getTranslation(
                                        existing == null ? "points.rules.created" : "points.rules.edited"))
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    } catch (RuleNotCurrentException ex) {
                        error(ErrorMessages.of(this, ex.code()));
                    } catch (ForbiddenException | NotFoundException ex) {
                        error(getTranslation("error.forbidden"));
                    }
                    refresh();
                })
                .open();
    }

    private void openKind() {
        Dialog dialog = new Dialog(getTranslation("points.kinds.new"));
        TextField name = new TextField(getTranslation("points.kinds.name"));
        name.setId("kind-name");
        TextField code = new TextField(getTranslation("points.kinds.code"));
        code.setId("kind-code");
        code.setHelperText(getTranslation("points.kinds.code.help"));
        Select<Integer> scale = new Select<>();
        scale.setLabel(getTranslation("points.kinds.unit"));
        scale.setId("kind-scale");
        scale.setItems(1, 10, 100);
        scale.setItemLabelGenerator(s -> PointsText.amount(this, 1, s, AssetType.POINTS));
        scale.setValue(10);
        Checkbox negative = new Checkbox(getTranslation("points.kinds.negative"));
        negative.setId("kind-negative");
        Select<String> expiry = new Select<>();
        expiry.setLabel(getTranslation("points.kinds.expiry"));
        expiry.setId("kind-expiry");
        expiry.setItems("NEVER", "YEARLY", "ROLLING");
        expiry.setItemLabelGenerator(p -> getTranslation("points.kinds.expiry.policy." + p));
        expiry.setValue("NEVER");
        TextField monthDay = new TextField(getTranslation("points.kinds.expiry.month-day"));
        monthDay.setId("kind-month-day");
        monthDay.setValue("12-31");
        IntegerField months = new IntegerField(getTranslation("points.kinds.expiry.months"));
        months.setId("kind-months");
        months.setValue(12);
        monthDay.setVisible(false);
        months.setVisible(false);
        expiry.addValueChangeListener(e -> {
            monthDay.setVisible("YEARLY".equals(e.getValue()));
            months.setVisible("ROLLING".equals(e.getValue()));
        });
        Button save = new Button(getTranslation("org.save"), e -> {
            try {
                kinds.create(
                        caller,
                        organization.getValue().id(),
                        code.getValue(),
                        name.getValue(),
                        scale.getValue(),
                        negative.getValue(),
                        expiry.getValue(),
                        monthDay.getValue(),
                        months.getValue());
                dialog.close();
                refresh();
                Notification.show(getTranslation("points.kinds.created"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException ex) {
                Component field = "code".equals(ex.field()) ? code : "name".equals(ex.field()) ? name : expiry;
                FieldError.set(field, ErrorMessages.of(this, ex));
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
        });
        save.setId("kind-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FormLayout form = new FormLayout(name, code, scale, negative, expiry, monthDay, months);
        dialog.add(form);
        dialog.getFooter().add(new Button(getTranslation("org.cancel"), e -> dialog.close()), save);
        dialog.setWidth("min(36rem, 95vw)");
        dialog.open();
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("points.rules.title") + " · " + getTranslation("app.name");
    }
}
