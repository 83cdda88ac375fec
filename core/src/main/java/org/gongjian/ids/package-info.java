/**
 * Application-generated, time-sortable 64-bit ids (TSID) for every row: no AUTO_INCREMENT, so
 * inserts batch well and the same SQL runs on MySQL clusters with several writers.
 */
package org.gongjian.ids;
