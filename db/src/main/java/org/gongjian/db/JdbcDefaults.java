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

    /**
     * The URL parameter that lets bulk writes send rows with {@code LOAD DATA LOCAL INFILE} from an
     * in-memory stream (see {@code MemberStore}), set to a directory that must stay empty.
     *
     * <p>Why it is safe: with only this parameter, Connector/J announces the local-files capability
     * but answers a server's request for a file with files of that directory only (none); any other
     * file stays unreadable even to a rogue server. The bulk writer turns on {@code
     * allowLoadLocalInfile} on its own connection for the one {@code LOAD DATA} statement it sends,
     * with its own stream attached (Connector/J then sends that stream whatever file name the server
     * asks for), and turns it off again right after. The embedded server sets it; an external
     * server's URL may add it to opt in (servers that refuse local files fall back to batches).
     */
    public static final String LOCAL_STREAMS_ONLY = "allowLoadLocalInfileInPath";

    private JdbcDefaults() {}
}
