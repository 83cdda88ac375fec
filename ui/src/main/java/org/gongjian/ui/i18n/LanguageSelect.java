package org.gongjian.ui.i18n;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;

/** Switches the session between Chinese and English and redraws the page. */
public final class LanguageSelect extends Select<Locale> {

    public LanguageSelect() {
        setId("language");
        setAriaLabel(getTranslation("nav.language"));
        setItems(Messages.CHINESE, Messages.ENGLISH);
        setItemLabelGenerator(l -> getTranslation("en".equals(l.getLanguage()) ? "language.en" : "language.zh"));
        setValue("en".equals(getLocale().getLanguage()) ? Messages.ENGLISH : Messages.CHINESE);
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                VaadinSession.getCurrent().setLocale(e.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
        setWidth("8em");
    }
}
