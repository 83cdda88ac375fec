/**
 * Writing spreadsheets that are safe to open: {@code SafeWorkbook} is the one way Gongjian writes
 * an .xlsx (exports, templates, problem reports), so that no export can forget to neutralise a
 * text a spreadsheet program would take for a formula ({@code =HYPERLINK(...)}, {@code +1}, {@code
 * @SUM(...)}). A test keeps every other package away from the spreadsheet writer.
 */
package org.gongjian.spreadsheets;
