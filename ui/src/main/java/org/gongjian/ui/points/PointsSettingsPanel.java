package org.gongjian.ui.points;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.organizations.OrganizationNode;
import org.gongjian.points.PointsSettings;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * 积分设置 of an organization: the manual adjustment above which a second administrator approves
 * (whole points) and the five volunteer star thresholds (hours), with where they come from (the
 * organization's own, an ancestor's, or the platform's defaults). Administrators of the
 * organization change them, checked as they type (positive, within bounds, each star above the
 * one before); others read them.
 */
final class PointsSettingsPanel extends VerticalLayout {

    /** The largest threshold in whole points and the largest star threshold in hours (as the service). */
    static final int THRESHOLD_MAX = 1_000_000;

    static final int HOURS_MAX = 100_000;

    private final PointsSettings settings;
    private final Span source = new Span();
    private final IntegerField threshold = new IntegerField();
    private final List<IntegerField> stars = new ArrayList<>();
    private final Button save = new Button();
    private final Button inherit = new Button();
    private Caller caller;
    private OrganizationNode organization;
    private boolean manager;

    PointsSettingsPanel(PointsSettings settings) {
        this.settings = settings;
        setId("points-settings");
        setPadding(false);
        source.setId("points-settings-source");
        source.addClassName("gj-line-note");
        threshold.setId("points-settings-threshold");
        threshold.setLabel(getTranslation("points.settings.threshold"));
        threshold.setHelperText(getTranslation("points.settings.threshold.help"));
        threshold.setValueChangeMode(ValueChangeMode.EAGER);
        threshold.addValueChangeListener(e -> checkThreshold());
        FormLayout starForm = new FormLayout();
        for (int i = 1; i <= PointsSettings.DEFAULT_STAR_HOURS.size(); i++) {
            IntegerField star = new IntegerField(getTranslation("points.settings.star", i));
            star.setId("points-settings-star-" + i);
            star.setValueChangeMode(ValueChangeMode.EAGER);
            star.addValueChangeListener(e -> checkStars());
            stars.add(star);
            starForm.add(star);
        }
        starForm.setResponsiveSteps(
                new FormLayout.ResponsiveStep("0", 2),
                new FormLayout.ResponsiveStep("30em", 3),
                new FormLayout.ResponsiveStep("50em", 5));
        Span starsLabel = new Span(getTranslation("points.settings.stars"));
        save.setText(getTranslation("points.settings.save"));
        save.setId("points-settings-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        inherit.setText(getTranslation("points.settings.inherit"));
        inherit.setId("points-settings-inherit");
        inherit.addClickListener(e -> inherit());
        threshold.setWidth("min(22rem, 100%)");
        HorizontalLayout buttons = new HorizontalLayout(save, inherit);
        buttons.addClassName("gj-wrap");
        add(new H3(getTranslation("points.settings.title")), source, threshold, starsLabel, starForm, buttons);
    }

    /** Shows the settings in force at the organization; editable when the caller administers it. */
    void show(Caller caller, OrganizationNode organization) {
        this.caller = caller;
        this.organization = organization;
        PointsSettings.Settings inForce = settings.effective(caller, organization.id());
        display(inForce);
        manager = caller.mayManage(organization.path());
        threshold.setReadOnly(!manager);
        stars.forEach(s -> s.setReadOnly(!manager));
        save.setVisible(manager);
        inherit.setVisible(manager && !inForce.inherited());
    }

    /** Drops the organization's own settings after a confirmation: it follows its parents again. */
    private void inherit() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("points-settings-inherit-confirm");
        confirm.setHeader(getTranslation("points.settings.inherit"));
        confirm.setText(getTranslation("points.settings.inherit.confirm", organization.name()));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("org.cancel"));
        confirm.setConfirmText(getTranslation("points.settings.inherit"));
        confirm.addConfirmListener(e -> {
            try {
                display(settings.clear(caller, organization.id()));
                inherit.setVisible(false);
                Notification.show(getTranslation("points.settings.inherited"))
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (ForbiddenException | NotFoundException ex) {
                Notification.show(getTranslation("error.forbidden")).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        confirm.open();
    }

    private void display(PointsSettings.Settings s) {
        source.setText(
                !s.inherited()
                        ? getTranslation("points.settings.source.own")
                        : s.definedBy() == null
                                ? getTranslation("points.settings.source.defaults")
                                : getTranslation("points.settings.source.inherited", s.definedByName()));
        threshold.setValue((int) s.approvalThreshold());
        for (int i = 0; i < stars.size(); i++) {
            stars.get(i).setValue(s.starHours().get(i));
        }
        threshold.setInvalid(false);
        stars.forEach(f -> f.setInvalid(false));
    }

    private void checkThreshold() {
        Integer value = threshold.getValue();
        FieldError.set(
                threshold,
                value == null || value < 1 || value > THRESHOLD_MAX
                        ? getTranslation("points.settings.threshold.invalid")
                        : null);
    }

    /** Each star: whole hours within bounds, more than the star before it. */
    private void checkStars() {
        Integer previous = null;
        for (IntegerField star : stars) {
            Integer value = star.getValue();
            if (value == null || value < 1 || value > HOURS_MAX) {
                FieldError.set(star, getTranslation("points.settings.star.invalid"));
            } else if (previous != null && value <= previous) {
                FieldError.set(star, getTranslation("points.settings.star.ascending", previous));
            } else {
                FieldError.set(star, null);
            }
            previous = value;
        }
    }

    private void save() {
        checkThreshold();
        checkStars();
        if (threshold.isInvalid() || stars.stream().anyMatch(HasValidation::isInvalid)) {
            return;
        }
        try {
            display(settings.set(
                    caller,
                    organization.id(),
                    threshold.getValue(),
                    stars.stream().map(IntegerField::getValue).toList()));
            inherit.setVisible(manager);
            Notification.show(getTranslation("points.settings.saved"))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException ex) {
            IntegerField field = "approvalThreshold".equals(ex.field()) ? threshold : stars.getFirst();
            FieldError.set(field, ErrorMessages.of(this, ex));
        } catch (ForbiddenException | NotFoundException ex) {
            Notification.show(getTranslation("error.forbidden")).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
