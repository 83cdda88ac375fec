/** The plugins page for administrators, and the routes of pages that started plugins contribute. */
package org.gongjian.ui.plugins;
