/**
 * The plugins page for administrators with its menu entry and dashboard card, the routes of pages
 * that started plugins contribute, and the menu section (扩展功能) that lists those pages.
 */
package org.gongjian.ui.plugins;
