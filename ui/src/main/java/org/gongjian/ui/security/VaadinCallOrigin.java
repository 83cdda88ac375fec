package org.gongjian.ui.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.audit.CallOrigin;

/** The UI request being served on this thread: the page the user is on and the browser's address. */
@Singleton
final class VaadinCallOrigin implements CallOrigin {

    @Override
    public Optional<Origin> current() {
        UI ui = UI.getCurrent();
        if (ui == null && VaadinRequest.getCurrent() == null) {
            return Optional.empty();
        }
        String page = ui == null ? "?" : ui.getActiveViewLocation().getPath();
        return Optional.of(new Origin("page /" + page, CurrentUser.clientIp()));
    }
}
