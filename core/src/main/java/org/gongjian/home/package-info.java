/**
 * Where a Gongjian server keeps its state on disk ({@code GONGJIAN_HOME}, default {@code ./data}):
 * the embedded database, generated secrets, installed plugins and plugin data.
 */
package org.gongjian.home;
