package org.gongjian.db;

/** Connection settings every Gongjian JDBC URL uses, embedded or external. */
public final class JdbcDefaults {

    /**
     * MySQL Connector/J parameters: UTC on the session, utf8mb4, client-side batching rewritten to
     * multi-row inserts, and no TLS to the loopback embedded server (external servers choose their
     * own sslMode in the URL they are given).
     */
    public static final String URL_PARAMETERS = "sslMode=DISABLED"
            + "&rewriteBatchedStatements=true"
            + "&cachePrepStmts=true"
            + "&useServerPrepStmts=false"
            + "&connectionTimeZone=UTC"
            + "&forceConnectionTimeZoneToSession=true"
            + "&characterEncoding=UTF-8"
            + "&connectionCollation=utf8mb4_unicode_ci";

    private JdbcDefaults() {}
}
