package org.gongjian.ui.timebank;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests.Deposit;
import org.gongjian.timebank.TimeBankResult;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * Records service for a member: minutes, what the service was and the record that proves it.
 * Every keystroke is checked by the service's own input check, so the form shows the same codes
 * the API answers; save is enabled only when the input passes. The idempotency key is made when
 * the form opens, so a double click posts once.
 */
final class DepositForm extends Dialog {

    private final IntegerField minutes = new IntegerField();
    private final TextField reason = new TextField();
    private final TextField evidence = new TextField();
    private final Button save = new Button();
    private final Map<String, HasValidation> fields =
            Map.of("minutes", minutes, "reason", reason, "evidence", evidence);
    private final Set<String> touched = new HashSet<>();
    private final String key = "ui-" + UUID.randomUUID();

    DepositForm(TimeBank timeBank, Caller caller, long memberId, Runnable done) {
        setHeaderTitle(getTranslation("timebank.deposit.title"));
        minutes.setId("deposit-minutes");
        minutes.setLabel(getTranslation("timebank.deposit.minutes"));
        minutes.setHelperText(getTranslation("timebank.deposit.minutes.help", TimeBank.MAX_DEPOSIT_MINUTES));
        minutes.setStepButtonsVisible(true);
        minutes.setValueChangeMode(ValueChangeMode.EAGER);
        reason.setId("deposit-reason");
        reason.setLabel(getTranslation("timebank.deposit.reason"));
        reason.setValueChangeMode(ValueChangeMode.EAGER);
        evidence.setId("deposit-evidence");
        evidence.setLabel(getTranslation("timebank.deposit.evidence"));
        evidence.setValueChangeMode(ValueChangeMode.EAGER);
        minutes.addValueChangeListener(e -> validate("minutes"));
        reason.addValueChangeListener(e -> validate("reason"));
        evidence.addValueChangeListener(e -> validate("evidence"));
        minutes.setWidthFull();
        reason.setWidthFull();
        evidence.setWidthFull();

        save.setText(getTranslation("timebank.deposit.save"));
        save.setId("deposit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        save.addClickListener(e -> {
            try {
                TimeBankResult result = timeBank.deposit(caller, key, deposit(memberId));
                if (result.ok()) {
                    close();
                    done.run();
                    Notification.show(getTranslation("timebank.deposit.done"))
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                } else {
                    error(ErrorMessages.of(this, result.result()));
                }
            } catch (InvalidInputException ex) {
                show(ex);
            } catch (ForbiddenException | NotFoundException ex) {
                error(getTranslation("error.forbidden"));
            }
        });
        Button cancel = new Button(getTranslation("org.cancel"), e -> close());
        add(new VerticalLayout(minutes, reason, evidence));
        getFooter().add(cancel, save);
        setWidth("min(30rem, 95vw)");
    }

    private Deposit deposit(long memberId) {
        Integer value = minutes.getValue();
        return new Deposit(
                memberId,
                null,
                value == null ? null : value.longValue(),
                reason.getValue(),
                evidence.getValue(),
                null,
                null);
    }

    /**
     * Checks the input as the service will after a change of {@code changed}; marks the first
     * problem's field if the user has already been there, and enables save when there is none.
     */
    private void validate(String changed) {
        touched.add(changed);
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            TimeBank.checkInput(deposit(0));
            save.setEnabled(true);
        } catch (InvalidInputException ex) {
            save.setEnabled(false);
            if (touched.contains(ex.field())) {
                show(ex);
            }
        }
    }

    private void show(InvalidInputException ex) {
        HasValidation field = fields.get(ex.field());
        if (field == null) {
            error(ErrorMessages.of(this, ex));
            return;
        }
        field.setErrorMessage(ErrorMessages.of(this, ex));
        field.setInvalid(true);
    }

    private void error(String text) {
        Notification.show(text).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
