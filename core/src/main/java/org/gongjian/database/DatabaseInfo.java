package org.gongjian.database;

import jakarta.inject.Singleton;

/** What the health check and the operator see of the database in use; never credentials. */
@Singleton
public final class DatabaseInfo {

    private volatile boolean embedded;
    private volatile String displayUrl = "";

    void embedded(String url) {
        this.embedded = true;
        this.displayUrl = withoutSecrets(url);
    }

    void external(String url) {
        this.embedded = false;
        this.displayUrl = withoutSecrets(url);
    }

    public boolean isEmbedded() {
        return embedded;
    }

    /** The JDBC URL without its query string (which may carry credentials). */
    public String displayUrl() {
        return displayUrl;
    }

    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
