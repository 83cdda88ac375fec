package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
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
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRule;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.ui.i18n.ErrorMessages;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.organizations.OrganizationChoices;
import org.gongjian.ui.security.CurrentUser;

/**
 * 积分规则: the point kinds usable at an organization and the rules that apply there; administrators
 * define kinds, create rules with a form that checks as you type, and archive rules.
 */
@Route(value = "points/rules", layout = MainLayout.class)
@Prototype
final class RulesView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    /** The events the platform records, offered first; any other upper-case code may be typed. */
    static final List<String> EVENT_TYPES =
            List.of("HOURS_APPROVED", "ATTENDANCE_RECORDED", "SELF_DECLARATION_APPROVED", "STUDY_ACTION");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

    private final PointsRules rules;
    private final PointKinds kinds;
    private final Organizations organizations;
    private final Callers callers;
    private final Select<OrganizationNode> organization = new Select<>();
    private final Grid<Asset> kindGrid = new Grid<>();
    private final Grid<PointsRule> ruleGrid = new Grid<>();
    private final Button newKind = new Button();
    private final Button newRule = new Button();
    private Caller caller;
    private List<Asset> usable = List.of();

    RulesView(PointsRules rules, PointKinds kinds, Organizations organizations, Callers callers) {
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
        newRule.addClickListener(e -> openRule());
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
                .setFlexGrow(1);
        ruleGrid.addColumn(r -> getTranslation(r.archived() ? "points.rules.archived" : "points.rules.active"))
                .setKey("state")
                .setHeader(getTranslation("points.rules.state"))
                .setAutoWidth(true);
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
                kindGrid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!PointsAccess.allow(event, PointsAccess.reader())) {
            return;
        }
        caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        List<OrganizationNode> choices = OrganizationChoices.flatten(organizations.tree(caller));
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
        ruleGrid.setItems(rules.list(caller, organization.getValue().id()));
        newKind.setVisible(manager());
        newRule.setVisible(manager());
        newRule.setEnabled(!usable.isEmpty());
    }

    private String eventLabel(String code) {
        String label = getTranslation("points.event." + code);
        return label.startsWith("!") ? code : label;
    }

    private String describe(PointsRule r) {
        Asset kind =
                usable.stream().filter(k -> k.id() == r.assetId()).findFirst().orElse(null);
        int scale = kind == null ? 1 : kind.unitScale();
        String name = kind == null ? "" : kind.name() + " ";
        String pts = PointsText.signed(this, r.points(), scale, AssetType.POINTS);
        String text = "PER_UNIT".equals(r.formula())
                ? getTranslation("points.rules.per-unit", name + pts, r.perUnits())
                : name + pts;
        if (r.conditionKey() != null) {
            text += getTranslation("points.rules.when", r.conditionKey(), r.conditionValue());
        }
        if (r.capDay() != null) {
            text += getTranslation(
                    "points.rules.cap-day", PointsText.amount(this, r.capDay(), scale, AssetType.POINTS));
        }
        if (r.validFrom() != null || r.validTo() != null) {
            text += getTranslation(
                    "points.rules.valid",
                    r.validFrom() == null ? "…" : r.validFrom(),
                    r.validTo() == null ? "…" : r.validTo());
        }
        return text;
    }

    private Component archiveButton(PointsRule r) {
        Button archive = new Button(getTranslation("points.rules.archive"), e -> {
            try {
                rules.archive(caller, r.id());
                Notification.show(getTranslation("points.rules.archived.done"));
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
            refresh();
        });
        archive.setId("rules-archive-" + r.id());
        archive.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        archive.setVisible(!r.archived() && manager());
        return archive;
    }

    private void openRule() {
        Dialog dialog = new Dialog(getTranslation("points.rules.new"));
        TextField name = new TextField(getTranslation("points.rules.name"));
        name.setId("rule-name");
        name.setMaxLength(50);
        name.setRequiredIndicatorVisible(true);
        Select<Asset> kind = new Select<>();
        kind.setLabel(getTranslation("points.adjust.kind"));
        kind.setId("rule-kind");
        kind.setItems(usable);
        kind.setItemLabelGenerator(Asset::name);
        kind.setValue(usable.getFirst());
        ComboBox<String> event = new ComboBox<>(getTranslation("points.rules.event"));
        event.setId("rule-event");
        event.setItems(EVENT_TYPES);
        event.setItemLabelGenerator(this::eventLabel);
        event.setAllowCustomValue(true);
        event.addCustomValueSetListener(
                e -> event.setValue(e.getDetail().strip().toUpperCase(java.util.Locale.ROOT)));
        event.setHelperText(getTranslation("points.rules.event.help"));
        TextField conditionKey = new TextField(getTranslation("points.rules.condition.key"));
        conditionKey.setId("rule-condition-key");
        TextField conditionValue = new TextField(getTranslation("points.rules.condition.value"));
        conditionValue.setId("rule-condition-value");
        Select<String> formula = new Select<>();
        formula.setLabel(getTranslation("points.rules.formula"));
        formula.setId("rule-formula");
        formula.setItems("FIXED", "PER_UNIT");
        formula.setItemLabelGenerator(f -> getTranslation("points.rules.formula." + f));
        formula.setValue("FIXED");
        IntegerField perUnits = new IntegerField(getTranslation("points.rules.per-units"));
        perUnits.setId("rule-per-units");
        perUnits.setMin(1);
        perUnits.setVisible(false);
        formula.addValueChangeListener(e -> perUnits.setVisible("PER_UNIT".equals(e.getValue())));
        TextField points = new TextField(getTranslation("points.rules.points"));
        points.setId("rule-points");
        points.setHelperText(getTranslation("points.rules.points.help"));
        points.setValueChangeMode(ValueChangeMode.EAGER);
        TextField capDay = new TextField(getTranslation("points.rules.cap-day.label"));
        capDay.setId("rule-cap-day");
        capDay.setValueChangeMode(ValueChangeMode.EAGER);
        TextField capYear = new TextField(getTranslation("points.rules.cap-year.label"));
        capYear.setId("rule-cap-year");
        capYear.setValueChangeMode(ValueChangeMode.EAGER);
        TextField category = new TextField(getTranslation("points.rules.category"));
        category.setId("rule-category");
        category.setPlaceholder("VOLUNTEER");
        DatePicker validFrom = new DatePicker(getTranslation("points.rules.valid-from"));
        validFrom.setId("rule-valid-from");
        DatePicker validTo = new DatePicker(getTranslation("points.rules.valid-to"));
        validTo.setId("rule-valid-to");

        Runnable checkName =
                () -> setError(name, name.getValue().isBlank() ? getTranslation("points.rules.name.required") : null);
        Runnable checkEvent = () -> setError(
                event,
                event.getValue() == null || !CODE.matcher(event.getValue()).matches()
                        ? getTranslation("error.EVENT_TYPE_INVALID")
                        : null);
        Runnable checkPoints = () -> {
            int scale = kind.getValue().unitScale();
            setError(
                    points,
                    PointsText.parse(points.getValue(), scale) == null
                            ? getTranslation("points.rules.points.invalid", PointsText.decimals(scale))
                            : null);
        };
        Runnable checkCaps = () -> {
            for (TextField cap : List.of(capDay, capYear)) {
                setError(
                        cap,
                        !cap.isEmpty()
                                        && PointsText.parsePositive(
                                                        cap.getValue(),
                                                        kind.getValue().unitScale())
                                                == null
                                ? getTranslation("error.CAP_INVALID")
                                : null);
            }
        };
        Runnable checkValidity = () -> setError(
                validTo,
                validFrom.getValue() != null
                                && validTo.getValue() != null
                                && validTo.getValue().isBefore(validFrom.getValue())
                        ? getTranslation("error.VALIDITY_INVALID")
                        : null);
        Runnable check = () -> List.of(checkName, checkEvent, checkPoints, checkCaps, checkValidity)
                .forEach(Runnable::run);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> checkName.run());
        event.addValueChangeListener(e -> checkEvent.run());
        points.addValueChangeListener(e -> checkPoints.run());
        capDay.addValueChangeListener(e -> checkCaps.run());
        capYear.addValueChangeListener(e -> checkCaps.run());
        validFrom.addValueChangeListener(e -> checkValidity.run());
        validTo.addValueChangeListener(e -> checkValidity.run());
        kind.addValueChangeListener(e -> {
            if (!points.isEmpty()) {
                checkPoints.run();
            }
        });

        Button save = new Button(getTranslation("org.save"));
        save.setId("rule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> {
            check.run();
            boolean invalid = List.of(name, points, capDay, capYear).stream().anyMatch(TextField::isInvalid)
                    || event.isInvalid()
                    || validTo.isInvalid();
            if (invalid) {
                return;
            }
            int scale = kind.getValue().unitScale();
            try {
                rules.create(
                        caller,
                        new RuleInput(
                                kind.getValue().id(),
                                organization.getValue().id(),
                                name.getValue(),
                                event.getValue(),
                                blankToNull(conditionKey.getValue()),
                                blankToNull(conditionValue.getValue()),
                                null,
                                formula.getValue(),
                                PointsText.parse(points.getValue(), scale),
                                perUnits.getValue() == null
                                        ? null
                                        : perUnits.getValue().longValue(),
                                capDay.isEmpty() ? null : PointsText.parsePositive(capDay.getValue(), scale),
                                null,
                                null,
                                capYear.isEmpty() ? null : PointsText.parsePositive(capYear.getValue(), scale),
                                blankToNull(category.getValue()),
                                validFrom.getValue(),
                                validTo.getValue()));
                dialog.close();
                refresh();
                Notification.show(getTranslation("points.rules.created"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException ex) {
                Map<String, Component> fields = Map.of(
                        "name",
                        name,
                        "eventType",
                        event,
                        "conditionKey",
                        conditionKey,
                        "category",
                        category,
                        "points",
                        points,
                        "perUnits",
                        perUnits,
                        "cap",
                        capDay,
                        "validTo",
                        validTo);
                Component field = fields.getOrDefault(ex.field(), points);
                setError(field, ErrorMessages.of(this, ex));
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
        });
        FormLayout form = new FormLayout(
                name,
                kind,
                event,
                formula,
                points,
                perUnits,
                conditionKey,
                conditionValue,
                capDay,
                capYear,
                category,
                validFrom,
                validTo);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        dialog.add(form);
        dialog.getFooter().add(new Button(getTranslation("org.cancel"), e -> dialog.close()), save);
        dialog.setWidth("min(44rem, 95vw)");
        dialog.open();
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
                setError(field, ErrorMessages.of(this, ex));
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

    private static void setError(Component field, String message) {
        if (field instanceof com.vaadin.flow.component.HasValidation v) {
            v.setInvalid(message != null);
            v.setErrorMessage(message);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("points.rules.title") + " · " + getTranslation("app.name");
    }
}
