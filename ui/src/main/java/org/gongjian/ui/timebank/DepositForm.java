package org.gongjian.ui.timebank;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.gongjian.access.Caller;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests.Deposit;

/** Records service for a member: minutes, what the service was and the record that proves it. */
final class DepositForm extends CheckedDialog {

    private final IntegerField minutes = new IntegerField();
    private final TextField reason = new TextField();
    private final TextField evidence = new TextField();
    private final long memberId;

    DepositForm(TimeBank timeBank, Caller caller, long memberId, Runnable done) {
        super("deposit-save");
        this.memberId = memberId;
        save.setText(getTranslation("timebank.deposit.save"));
        setHeaderTitle(getTranslation("timebank.deposit.title"));
        minutes.setId("deposit-minutes");
        minutes.setLabel(getTranslation("timebank.deposit.minutes"));
        minutes.setHelperText(getTranslation("timebank.deposit.minutes.help", TimeBank.MAX_DEPOSIT_MINUTES));
        minutes.setStepButtonsVisible(true);
        reason.setId("deposit-reason");
        reason.setLabel(getTranslation("timebank.deposit.reason"));
        evidence.setId("deposit-evidence");
        evidence.setLabel(getTranslation("timebank.deposit.evidence"));
        field("minutes", minutes);
        field("reason", reason);
        field("evidence", evidence);
        minutes.setValueChangeMode(ValueChangeMode.EAGER);
        reason.setValueChangeMode(ValueChangeMode.EAGER);
        evidence.setValueChangeMode(ValueChangeMode.EAGER);
        minutes.addValueChangeListener(e -> validate("minutes"));
        reason.addValueChangeListener(e -> validate("reason"));
        evidence.addValueChangeListener(e -> validate("evidence"));
        minutes.setWidthFull();
        reason.setWidthFull();
        evidence.setWidthFull();
        save.addClickListener(e ->
                submit(key -> timeBank.deposit(caller, key, deposit()), getTranslation("timebank.deposit.done"), done));
        add(new VerticalLayout(minutes, reason, evidence));
    }

    @Override
    protected void check() {
        TimeBank.checkInput(deposit());
    }

    private Deposit deposit() {
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
}
