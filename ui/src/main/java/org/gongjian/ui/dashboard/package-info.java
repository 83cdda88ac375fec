/** The first page after sign-in: the numbers a secretary checks, including those of plugins. */
package org.gongjian.ui.dashboard;
