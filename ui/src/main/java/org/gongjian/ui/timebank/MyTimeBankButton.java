package org.gongjian.ui.timebank;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.EnumSet;
import org.gongjian.access.Caller;
import org.gongjian.members.MemberView;
import org.gongjian.timebank.TimeBank;

/**
 * For a volunteer on their own page: gift minutes to a relative of the household or donate them
 * to the community pool (spending is recorded where the service is received).
 */
public final class MyTimeBankButton extends Button {

    public MyTimeBankButton(TimeBank timeBank, Caller caller, MemberView self, Runnable done) {
        super(VaadinIcon.GIFT.create());
        setText(getTranslation("timebank.move.mine"));
        setId("my-timebank-move");
        addClassName("gj-large-button");
        addClickListener(e -> new MoveForm(
                        timeBank,
                        caller,
                        self.id(),
                        self.organizationId(),
                        EnumSet.of(MoveForm.Kind.GIFT, MoveForm.Kind.DONATE),
                        done)
                .open());
    }
}
