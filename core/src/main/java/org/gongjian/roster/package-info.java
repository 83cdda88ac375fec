/**
 * The member roster (花名册) as secretaries keep it in Excel: the downloadable template, and the
 * reading and row-by-row validation of an uploaded .xlsx into rows ready to store plus a report
 * of every problem (row, column, message in Chinese). Nothing here writes to the database.
 */
package org.gongjian.roster;
