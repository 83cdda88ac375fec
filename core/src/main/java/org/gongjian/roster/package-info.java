/**
 * The member roster (花名册) as secretaries keep it in Excel: the downloadable template, and the
 * reading and row-by-row validation of an uploaded .xlsx into rows ready to store plus a report
 * of every problem (row, column, message in Chinese); the import ({@code RosterImports}: check,
 * then commit through the members feature's bulk writer) and export ({@code RosterExports}) of
 * members, and their REST endpoints under {@code /api/members}. Only administrators import, checked
 * before an upload is read; an upload is inspected ({@code RosterFileCheck}: zip structure, inflated
 * sizes, hardened XML) before the spreadsheet reader sees it, so that a hostile file is a 400 or 413,
 * never an out-of-memory error. Exports write through {@code org.gongjian.spreadsheets.SafeWorkbook}.
 */
package org.gongjian.roster;
