package org.gongjian.ui.timebank;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.timebank.GiftRecipient;
import org.gongjian.timebank.TimeBank;
import org.gongjian.timebank.TimeBankRequests.Donation;
import org.gongjian.timebank.TimeBankRequests.Gift;
import org.gongjian.timebank.TimeBankRequests.Redemption;
import org.gongjian.timebank.TimeBankResult;

/**
 * Moves a member's minutes on their behalf: 支取 (the member receives a service at their
 * organization and spends minutes for it; from the spending age), 转赠 (a gift to a direct relative
 * of the household) or 捐赠 (a donation to the community pool). The time bank's rules (age,
 * kinship, policy, balance, cap) are judged when saving; a refusal is said in words and the form
 * stays open. Gifts are offered only to those the gift rule accepts (the active direct relatives
 * of the household), and not at all when there are none.
 */
final class MoveForm extends CheckedDialog {

    /** What the form does; the order of the choices. */
    enum Kind {
        REDEEM,
        GIFT,
        DONATE
    }

    private final RadioButtonGroup<Kind> kind = new RadioButtonGroup<>();
    private final ComboBox<GiftRecipient> relative = new ComboBox<>();
    private final IntegerField minutes = new IntegerField();
    private final TextField memo = new TextField();

    /**
     * @param organizationId where the member spends (their organization)
     * @param kinds what the form offers, the first chosen at the start
     */
    MoveForm(TimeBank timeBank, Caller caller, long memberId, long organizationId, Set<Kind> kinds, Runnable done) {
        super("move-save");
        save.setText(getTranslation("timebank.move.save"));
        setHeaderTitle(getTranslation("timebank.move.title"));
        kind.setId("move-kind");
        kind.setLabel(getTranslation("timebank.move.kind"));
        List<Kind> offered = kinds.stream().sorted().toList();
        List<GiftRecipient> relatives =
                kinds.contains(Kind.GIFT) ? timeBank.giftRecipients(caller, memberId) : List.of();
        kind.setItems(offered);
        kind.setItemLabelGenerator(k -> getTranslation("timebank.move." + k.name()));
        kind.setItemEnabledProvider(k -> k != Kind.GIFT || !relatives.isEmpty());
        Kind first = offered.stream()
                .filter(k -> k != Kind.GIFT || !relatives.isEmpty())
                .findFirst()
                .orElse(offered.getFirst());
        kind.setValue(first);
        relative.setId("move-relative");
        relative.setLabel(getTranslation("timebank.move.relative"));
        relative.setItems(relatives);
        relative.setItemLabelGenerator(m -> m.name() + "（" + getTranslation("member.relation." + m.relation()) + "）");
        relative.setVisible(first == Kind.GIFT);
        relative.setWidthFull();
        minutes.setId("move-minutes");
        minutes.setLabel(getTranslation("timebank.move.minutes"));
        minutes.setStepButtonsVisible(true);
        minutes.setValueChangeMode(ValueChangeMode.EAGER);
        minutes.setWidthFull();
        memo.setId("move-memo");
        memo.setLabel(getTranslation("timebank.move.memo"));
        memo.setValueChangeMode(ValueChangeMode.EAGER);
        memo.setWidthFull();
        field("minutes", minutes);
        field("memo", memo);
        field("toMemberId", relative);
        kind.addValueChangeListener(e -> {
            relative.setVisible(e.getValue() == Kind.GIFT);
            minutes.setHelperText(e.getValue() == Kind.REDEEM ? getTranslation("timebank.move.redeem.help") : null);
            validate("kind");
        });
        minutes.setHelperText(first == Kind.REDEEM ? getTranslation("timebank.move.redeem.help") : null);
        relative.addValueChangeListener(e -> validate("toMemberId"));
        minutes.addValueChangeListener(e -> validate("minutes"));
        memo.addValueChangeListener(e -> validate("memo"));
        save.addClickListener(e -> submit(
                key -> post(timeBank, caller, key, memberId, organizationId),
                getTranslation("timebank.move.done." + kind.getValue().name()),
                done));
        add(new VerticalLayout(kind, relative, minutes, memo));
    }

    @Override
    protected void check() {
        if (kind.getValue() == Kind.GIFT && relative.getValue() == null) {
            throw new InvalidInputException("MEMBER_REQUIRED", "toMemberId", "Choose the relative");
        }
        TimeBank.checkMove(minutes(), memo.getValue());
    }

    private TimeBankResult post(TimeBank timeBank, Caller caller, String key, long memberId, long organizationId) {
        Long value = minutes();
        String note = memo.getValue();
        return switch (kind.getValue()) {
            case REDEEM -> timeBank.redeem(caller, key, new Redemption(memberId, organizationId, value, note));
            case GIFT ->
                timeBank.gift(
                        caller, key, new Gift(memberId, relative.getValue().memberId(), value, note));
            case DONATE -> timeBank.donate(caller, key, new Donation(memberId, null, value, note));
        };
    }

    private Long minutes() {
        Integer value = minutes.getValue();
        return value == null ? null : value.longValue();
    }
}
