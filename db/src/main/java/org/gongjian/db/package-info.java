/**
 * The database a Gongjian server runs on when no external MySQL is configured: an embedded
 * MariaDB whose binaries ship in a jar and whose data lives under {@code $GONGJIAN_HOME/db}.
 *
 * <p>The schema itself is in {@code db/migration/core} (Flyway); no other module holds DDL for the
 * core. The launcher is framework-free so that tools (backup, benchmarks) can use it directly.
 */
package org.gongjian.db;
