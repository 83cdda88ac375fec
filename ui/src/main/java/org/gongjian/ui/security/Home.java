package org.gongjian.ui.security;

import com.vaadin.flow.router.BeforeEnterEvent;

/**
 * The page a signed-in user starts from, and where a page they may not open sends them: the
 * dashboard, at the root of the application. Named here so that no page needs the dashboard's
 * class (the dashboard and the menu import no feature, and no feature imports them back).
 */
public final class Home {

    /** The dashboard's route. */
    public static final String PATH = "";

    private Home() {}

    /** Sends the user to the dashboard instead of the page they asked for. */
    public static void forward(BeforeEnterEvent event) {
        event.forwardTo(PATH);
    }
}
