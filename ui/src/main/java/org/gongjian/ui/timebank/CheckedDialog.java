package org.gongjian.ui.timebank;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.timebank.TimeBankResult;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * A time-bank form whose input is checked on every keystroke by the service's own static check
 * (so the form shows the codes the API answers) and whose save posts once: the idempotency key is
 * made when the form opens, so a double click posts once, and made anew after a refusal, so that
 * the corrected input is a new request rather than other content under a decided key.
 */
abstract class CheckedDialog extends Dialog {

    protected final Button save = new Button();
    private final Map<String, HasValidation> fields = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private String key = newKey();

    /** The subclass sets the save button's text. */
    CheckedDialog(String saveId) {
        save.setId(saveId);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setEnabled(false);
        getFooter().add(new Button(getTranslation("org.cancel"), e -> close()), save);
        setWidth("min(30rem, 95vw)");
    }

    /** Registers the field that input problems of {@code name} (the service's field name) mark. */
    protected final void field(String name, HasValidation field) {
        fields.put(name, field);
    }

    /** Checks the whole input as the service will; throws its first problem. */
    protected abstract void check();

    /**
     * Checks the input after a change of {@code changed}; marks the first problem's field if the
     * user has already been there, and enables save when there is none.
     */
    protected final void validate(String changed) {
        touched.add(changed);
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            check();
            save.setEnabled(true);
        } catch (InvalidInputException ex) {
            save.setEnabled(false);
            if (touched.contains(ex.field())) {
                show(ex);
            }
        }
    }

    /**
     * Runs the operation with the form's key: on OK closes, runs {@code done} and confirms with
     * {@code doneText}; on a refusal says why in the user's language and keeps the form open with a
     * new key.
     */
    protected final void submit(Function<String, TimeBankResult> operation, String doneText, Runnable done) {
        try {
            TimeBankResult result = operation.apply(key);
            if (result.ok()) {
                close();
                done.run();
                Notification.show(doneText).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } else {
                key = newKey();
                error(ErrorMessages.of(this, result.result()));
            }
        } catch (InvalidInputException ex) {
            show(ex);
        } catch (ForbiddenException | NotFoundException ex) {
            error(getTranslation("error.forbidden"));
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

    private static String newKey() {
        return "ui-" + UUID.randomUUID();
    }
}
