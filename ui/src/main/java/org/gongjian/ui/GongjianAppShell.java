package org.gongjian.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** The page shell: the Lumo theme, our stylesheet, a viewport for phones. */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/gongjian.css")
@Viewport("width=device-width, initial-scale=1")
@Meta(name = "application-name", content = "共建 Gongjian")
public final class GongjianAppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("共建 Gongjian");
    }
}
