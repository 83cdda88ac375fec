/** The frame around every signed-in page: header, side navigation (with plugin pages), language. */
package org.gongjian.ui.layout;
