package org.gongjian.ui.points;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.EventTypeChoice;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;
import org.gongjian.points.PointsRule;
import org.gongjian.points.RuleInput;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * The rule form, new or prefilled with a rule to edit, checked as the administrator types: points,
 * caps per day / week / month / year in the kind's unit (e.g. tenths: "0.5"), a minimum quantity of
 * the event, the validity window. An edit keeps the kind and says that it adds a version. The view
 * saves: an {@link InvalidInputException} from the service is shown on its field and the dialog
 * stays open; otherwise the dialog closes.
 */
final class RuleDialog extends Dialog {

    /** What saving does with the input (create or edit); may throw the service's exceptions. */
    interface Save {
        void save(RuleInput input);
    }

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,47}");

    private final long organizationId;
    private final TextField name = new TextField();
    private final Select<Asset> kind = new Select<>();
    private final ComboBox<String> event = new ComboBox<>();
    private final Select<String> formula = new Select<>();
    private final IntegerField perUnits = new IntegerField();
    private final TextField points = new TextField();
    private final TextField conditionKey = new TextField();
    private final TextField conditionValue = new TextField();
    private final TextField minQuantity = new TextField();
    private final TextField capDay = new TextField();
    private final TextField capWeek = new TextField();
    private final TextField capMonth = new TextField();
    private final TextField capYear = new TextField();
    private final TextField category = new TextField();
    private final DatePicker validFrom = new DatePicker();
    private final DatePicker validTo = new DatePicker();
    private final List<TextField> caps = List.of(capDay, capWeek, capMonth, capYear);

    /**
     * @param kinds the point kinds to choose from (for an edit, the rule's own kind)
     * @param eventTypes the events offered (the platform's, then the started plugins'); any other
     *     upper-case code may be typed
     * @param existing the rule to edit, or null for a new one
     */
    RuleDialog(
            List<Asset> kinds,
            List<EventTypeChoice> eventTypes,
            long organizationId,
            @Nullable PointsRule existing,
            Save save) {
        this.organizationId = organizationId;
        setHeaderTitle(getTranslation(existing == null ? "points.rules.new" : "points.rules.edit.title"));
        setId("rule-dialog");
        field(name, "rule-name", "points.rules.name");
        name.setMaxLength(50);
        name.setRequiredIndicatorVisible(true);
        kind.setLabel(getTranslation("points.adjust.kind"));
        kind.setId("rule-kind");
        kind.setItems(kinds);
        kind.setItemLabelGenerator(Asset::name);
        kind.setValue(existing == null ? kinds.getFirst() : kindOf(kinds, existing.assetId()));
        kind.setReadOnly(existing != null);
        event.setLabel(getTranslation("points.rules.event"));
        event.setId("rule-event");
        event.setItems(eventTypes.stream().map(EventTypeChoice::type).toList());
        event.setItemLabelGenerator(code -> eventLabel(this, eventTypes, code));
        event.setAllowCustomValue(true);
        event.addCustomValueSetListener(
                e -> event.setValue(e.getDetail().strip().toUpperCase(Locale.ROOT)));
        event.setHelperText(getTranslation("points.rules.event.help"));
        field(conditionKey, "rule-condition-key", "points.rules.condition.key");
        field(conditionValue, "rule-condition-value", "points.rules.condition.value");
        formula.setLabel(getTranslation("points.rules.formula"));
        formula.setId("rule-formula");
        formula.setItems("FIXED", "PER_UNIT");
        formula.setItemLabelGenerator(f -> getTranslation("points.rules.formula." + f));
        formula.setValue("FIXED");
        perUnits.setLabel(getTranslation("points.rules.per-units"));
        perUnits.setId("rule-per-units");
        perUnits.setMin(1);
        perUnits.setVisible(false);
        formula.addValueChangeListener(e -> perUnits.setVisible("PER_UNIT".equals(e.getValue())));
        field(points, "rule-points", "points.rules.points");
        points.setHelperText(getTranslation("points.rules.points.help"));
        field(minQuantity, "rule-min-quantity", "points.rules.min-quantity.label");
        minQuantity.setHelperText(getTranslation("points.rules.min-quantity.help"));
        field(capDay, "rule-cap-day", "points.rules.cap-day.label");
        field(capWeek, "rule-cap-week", "points.rules.cap-week.label");
        field(capMonth, "rule-cap-month", "points.rules.cap-month.label");
        field(capYear, "rule-cap-year", "points.rules.cap-year.label");
        field(category, "rule-category", "points.rules.category");
        category.setPlaceholder("VOLUNTEER");
        validFrom.setLabel(getTranslation("points.rules.valid-from"));
        validFrom.setId("rule-valid-from");
        validTo.setLabel(getTranslation("points.rules.valid-to"));
        validTo.setId("rule-valid-to");
        if (existing != null) {
            fill(existing);
        }

        name.addValueChangeListener(e -> checkName());
        event.addValueChangeListener(e -> checkEvent());
        points.addValueChangeListener(e -> checkPoints());
        minQuantity.addValueChangeListener(e -> checkMinQuantity());
        caps.forEach(cap -> cap.addValueChangeListener(e -> checkCap(cap)));
        validFrom.addValueChangeListener(e -> checkValidity());
        validTo.addValueChangeListener(e -> checkValidity());
        kind.addValueChangeListener(e -> {
            if (!points.isEmpty()) {
                checkPoints();
            }
            caps.forEach(this::checkCap);
        });

        Button saveButton = new Button(getTranslation("org.save"));
        saveButton.setId("rule-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.addClickListener(e -> {
            if (!check()) {
                return;
            }
            try {
                save.save(input());
                close();
            } catch (InvalidInputException ex) {
                show(ex);
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
                minQuantity,
                capDay,
                capWeek,
                capMonth,
                capYear,
                category,
                validFrom,
                validTo);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        if (existing != null) {
            Paragraph note = new Paragraph(getTranslation("points.rules.edit.note", existing.version() + 1));
            note.setId("rule-edit-note");
            note.addClassName("gj-line-note");
            add(note);
        }
        add(form);
        getFooter().add(new Button(getTranslation("org.cancel"), e -> close()), saveButton);
        setWidth("min(44rem, 95vw)");
    }

    private static Asset kindOf(List<Asset> kinds, long assetId) {
        return kinds.stream().filter(k -> k.id() == assetId).findFirst().orElseThrow();
    }

    private void field(TextField field, String id, String label) {
        field.setId(id);
        field.setLabel(getTranslation(label));
        field.setValueChangeMode(ValueChangeMode.EAGER);
    }

    private void fill(PointsRule rule) {
        int scale = kind.getValue().unitScale();
        name.setValue(rule.name());
        event.setValue(rule.eventType());
        formula.setValue(rule.formula());
        perUnits.setValue(rule.perUnits() == null ? null : rule.perUnits().intValue());
        points.setValue(PointsText.number(rule.points(), scale, AssetType.POINTS));
        conditionKey.setValue(rule.conditionKey() == null ? "" : rule.conditionKey());
        conditionValue.setValue(rule.conditionValue() == null ? "" : rule.conditionValue());
        minQuantity.setValue(rule.minQuantity() == null ? "" : Long.toString(rule.minQuantity()));
        Long[] values = {rule.capDay(), rule.capWeek(), rule.capMonth(), rule.capYear()};
        for (int i = 0; i < values.length; i++) {
            caps.get(i).setValue(values[i] == null ? "" : PointsText.number(values[i], scale, AssetType.POINTS));
        }
        category.setValue(rule.category());
        validFrom.setValue(rule.validFrom());
        validTo.setValue(rule.validTo());
    }

    /** A platform event's name from the bundle, a plugin's from the plugin, else the code as typed. */
    static String eventLabel(Component owner, List<EventTypeChoice> eventTypes, String code) {
        for (EventTypeChoice choice : eventTypes) {
            if (choice.type().equals(code) && choice.label() != null) {
                return choice.label();
            }
        }
        String label = owner.getTranslation("points.event." + code);
        return label.startsWith("!") ? code : label;
    }

    private int scale() {
        return kind.getValue().unitScale();
    }

    private void checkName() {
        FieldError.set(name, name.getValue().isBlank() ? getTranslation("points.rules.name.required") : null);
    }

    private void checkEvent() {
        FieldError.set(
                event,
                event.getValue() == null || !CODE.matcher(event.getValue()).matches()
                        ? getTranslation("error.EVENT_TYPE_INVALID")
                        : null);
    }

    private void checkPoints() {
        FieldError.set(
                points,
                PointsText.parse(points.getValue(), scale()) == null
                        ? getTranslation("points.rules.points.invalid", PointsText.decimals(scale()))
                        : null);
    }

    private void checkMinQuantity() {
        FieldError.set(
                minQuantity,
                !minQuantity.isEmpty() && PointsText.parsePositive(minQuantity.getValue(), 1) == null
                        ? getTranslation("points.rules.min-quantity.invalid")
                        : null);
    }

    private void checkCap(TextField cap) {
        FieldError.set(
                cap,
                !cap.isEmpty() && PointsText.parsePositive(cap.getValue(), scale()) == null
                        ? getTranslation("points.rules.cap.invalid", PointsText.decimals(scale()))
                        : null);
    }

    private void checkValidity() {
        FieldError.set(
                validTo,
                validFrom.getValue() != null
                                && validTo.getValue() != null
                                && validTo.getValue().isBefore(validFrom.getValue())
                        ? getTranslation("error.VALIDITY_INVALID")
                        : null);
    }

    /** Checks every field; true when none is invalid. */
    private boolean check() {
        checkName();
        checkEvent();
        checkPoints();
        checkMinQuantity();
        caps.forEach(this::checkCap);
        checkValidity();
        return List.<HasValidation>of(name, event, points, minQuantity, capDay, capWeek, capMonth, capYear, validTo)
                .stream()
                .noneMatch(HasValidation::isInvalid);
    }

    private RuleInput input() {
        return new RuleInput(
                kind.getValue().id(),
                organizationId,
                name.getValue(),
                event.getValue(),
                blankToNull(conditionKey.getValue()),
                blankToNull(conditionValue.getValue()),
                minQuantity.isEmpty() ? null : PointsText.parsePositive(minQuantity.getValue(), 1),
                formula.getValue(),
                PointsText.parse(points.getValue(), scale()),
                perUnits.getValue() == null ? null : perUnits.getValue().longValue(),
                amount(capDay),
                amount(capWeek),
                amount(capMonth),
                amount(capYear),
                blankToNull(category.getValue()),
                validFrom.getValue(),
                validTo.getValue());
    }

    private @Nullable Long amount(TextField cap) {
        return cap.isEmpty() ? null : PointsText.parsePositive(cap.getValue(), scale());
    }

    private void show(InvalidInputException ex) {
        Map<String, Component> fields = Map.ofEntries(
                Map.entry("name", name),
                Map.entry("eventType", event),
                Map.entry("conditionKey", conditionKey),
                Map.entry("category", category),
                Map.entry("points", points),
                Map.entry("perUnits", perUnits),
                Map.entry("minQuantity", minQuantity),
                Map.entry("capDay", capDay),
                Map.entry("capWeek", capWeek),
                Map.entry("capMonth", capMonth),
                Map.entry("capYear", capYear),
                Map.entry("validTo", validTo),
                Map.entry("assetId", kind));
        FieldError.set(fields.getOrDefault(ex.field(), points), ErrorMessages.of(this, ex));
    }

    private static @Nullable String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
