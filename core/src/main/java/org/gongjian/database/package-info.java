/**
 * Which database the server uses and how it is reached: an external MySQL 8+/MariaDB 11+ when
 * {@code GONGJIAN_DB_URL} is set, otherwise the embedded MariaDB under {@code
 * $GONGJIAN_HOME/db}, started before the connection pool is built and stopped after it closes.
 */
package org.gongjian.database;
