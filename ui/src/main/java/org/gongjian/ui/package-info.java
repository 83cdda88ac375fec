/** The Vaadin Flow administration UI of Gongjian, one package per feature. */
package org.gongjian.ui;
