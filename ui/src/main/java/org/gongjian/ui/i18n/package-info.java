/**
 * UI text: every string a user reads comes from the {@code messages} bundles (Chinese first,
 * English), through Vaadin's {@link com.vaadin.flow.i18n.I18NProvider}; and the language select
 * of the header and the sign-in page.
 */
package org.gongjian.ui.i18n;
