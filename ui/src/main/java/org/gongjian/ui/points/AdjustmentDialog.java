package org.gongjian.ui.points;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.UUID;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.MemberView;
import org.gongjian.points.Adjustment;
import org.gongjian.points.Adjustments;
import org.gongjian.points.PointKinds;
import org.gongjian.ui.i18n.ErrorMessages;

/**
 * 加分 / 扣分 for one member: a point kind usable at the member's organization, award or deduct, the
 * points in the kind's unit and a memo. The idempotency key is made once per opened dialog, so a
 * double click or a retry posts once. Above the organization's threshold the adjustment waits for
 * a second administrator.
 */
final class AdjustmentDialog extends Dialog {

    static final String AWARD = "AWARD";
    static final String DEDUCT = "DEDUCT";

    private final String idempotencyKey = "ui-adjust-" + UUID.randomUUID();
    private final Select<Asset> kind = new Select<>();
    private final RadioButtonGroup<String> direction = new RadioButtonGroup<>();
    private final TextField amount = new TextField();
    private final TextArea memo = new TextArea();

    AdjustmentDialog(Caller caller, MemberView member, PointKinds kinds, Adjustments adjustments, Runnable posted) {
        setHeaderTitle(getTranslation("points.adjust.title", member.name()));
        List<Asset> usable = kinds.usableAt(caller, member.organizationId());

        kind.setLabel(getTranslation("points.adjust.kind"));
        kind.setId("adjust-kind");
        kind.setItems(usable);
        kind.setItemLabelGenerator(Asset::name);
        kind.setWidthFull();
        if (!usable.isEmpty()) {
            kind.setValue(usable.getFirst());
        }
        kind.addValueChangeListener(e -> {
            if (!amount.isEmpty()) {
                validateAmount();
            }
        });

        direction.setLabel(getTranslation("points.adjust.direction"));
        direction.setId("adjust-direction");
        direction.setItems(AWARD, DEDUCT);
        direction.setItemLabelGenerator(d -> getTranslation("points.adjust." + d));
        direction.setValue(AWARD);

        amount.setLabel(getTranslation("points.adjust.amount"));
        amount.setId("adjust-amount");
        amount.setValueChangeMode(ValueChangeMode.EAGER);
        amount.addValueChangeListener(e -> validateAmount());
        amount.setWidthFull();

        memo.setLabel(getTranslation("points.adjust.memo"));
        memo.setId("adjust-memo");
        memo.setMaxLength(TransferSpec.MEMO_MAX);
        memo.setValueChangeMode(ValueChangeMode.EAGER);
        memo.addValueChangeListener(e -> validateMemo());
        memo.setWidthFull();

        Button save = new Button(getTranslation("points.adjust.save"));
        save.setId("adjust-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setDisableOnClick(true);
        save.addClickListener(e -> {
            try {
                save(caller, member, adjustments, posted);
            } finally {
                save.setEnabled(true);
            }
        });
        Button cancel = new Button(getTranslation("org.cancel"), e -> close());
        cancel.setId("adjust-cancel");

        VerticalLayout form = new VerticalLayout(kind, direction, amount, memo);
        form.setPadding(false);
        add(form);
        getFooter().add(cancel, save);
        setWidth("min(30rem, 95vw)");
    }

    private void save(Caller caller, MemberView member, Adjustments adjustments, Runnable posted) {
        Long units = validateAmount();
        boolean memoOk = validateMemo();
        if (kind.getValue() == null) {
            kind.setInvalid(true);
            kind.setErrorMessage(getTranslation("points.adjust.kind.required"));
        }
        if (units == null || !memoOk || kind.getValue() == null) {
            return;
        }
        long signed = DEDUCT.equals(direction.getValue()) ? -units : units;
        try {
            Adjustment result = adjustments.adjust(
                    caller,
                    idempotencyKey,
                    new Adjustments.Request(
                            member.id(), kind.getValue().id(), null, signed, null, null, memo.getValue()));
            switch (result.status()) {
                case "POSTED" -> {
                    close();
                    posted.run();
                    notify(getTranslation("points.adjust.posted"), NotificationVariant.LUMO_SUCCESS);
                }
                case "PENDING" -> {
                    close();
                    notify(getTranslation("points.adjust.pending"), NotificationVariant.LUMO_PRIMARY);
                }
                default ->
                    notify(ErrorMessages.of(this, "LEDGER_" + result.ledgerResult()), NotificationVariant.LUMO_ERROR);
            }
        } catch (InvalidInputException ex) {
            if ("memo".equals(ex.field())) {
                memo.setInvalid(true);
                memo.setErrorMessage(ErrorMessages.of(this, ex));
            } else {
                amount.setInvalid(true);
                amount.setErrorMessage(ErrorMessages.of(this, ex));
            }
        } catch (Adjustments.DuplicateAdjustment ex) {
            notify(ErrorMessages.of(this, "LEDGER_DUPLICATE_WITH_DIFFERENT_CONTENT"), NotificationVariant.LUMO_ERROR);
        } catch (ForbiddenException | NotFoundException ex) {
            notify(getTranslation("error.forbidden"), NotificationVariant.LUMO_ERROR);
        }
    }

    /** The amount in smallest units, or null after marking the field invalid. */
    private Long validateAmount() {
        int scale = kind.getValue() == null ? 1 : kind.getValue().unitScale();
        Long units = PointsText.parsePositive(amount.getValue(), scale);
        amount.setInvalid(units == null);
        amount.setErrorMessage(
                units == null
                        ? getTranslation(
                                scale == 1 ? "points.adjust.amount.whole" : "points.adjust.amount.decimals",
                                PointsText.decimals(scale))
                        : null);
        return units;
    }

    private boolean validateMemo() {
        boolean ok = !memo.getValue().isBlank();
        memo.setInvalid(!ok);
        memo.setErrorMessage(ok ? null : getTranslation("error.MEMO_REQUIRED"));
        return ok;
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification.show(text).addThemeVariants(variant);
    }
}
