/**
 * Application-generated, time-sortable ids for every row: no AUTO_INCREMENT, so inserts batch well
 * and the same SQL runs on MySQL clusters with several writers. The ids fit in 53 bits, so API
 * clients in JavaScript read them exactly as JSON numbers.
 */
package org.gongjian.ids;
