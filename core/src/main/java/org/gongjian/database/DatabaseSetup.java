package org.gongjian.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.gongjian.db.EmbeddedMariaDb;
import org.gongjian.home.GongjianHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the default data source at the configured database, starting the embedded one when none
 * is configured. Runs while the data source configuration is initialized, before the pool exists.
 */
@Singleton
final class DatabaseSetup implements BeanInitializedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSetup.class);

    private final GongjianHome home;
    private final DatabaseInfo info;
    private final @Nullable String url;
    private final @Nullable String user;
    private final @Nullable String password;
    private final @Nullable String binaries;
    private EmbeddedMariaDb embedded;

    DatabaseSetup(
            GongjianHome home,
            DatabaseInfo info,
            @Nullable @Value("${gongjian.db.url:}") String url,
            @Nullable @Value("${gongjian.db.user:}") String user,
            @Nullable @Value("${gongjian.db.password:}") String password,
            @Nullable @Value("${gongjian.db.binaries:}") String binaries) {
        this.home = home;
        this.info = info;
        this.url = url;
        this.user = user;
        this.password = password;
        this.binaries = binaries;
    }

    @Override
    public synchronized DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (!"default".equals(config.getName())) {
            return config;
        }
        if (url != null && !url.isBlank()) {
            config.setUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            info.external(url);
            LOG.info("Using the external database {}", DatabaseInfo.withoutSecrets(url));
        } else {
            if (embedded == null) {
                Path dbHome = home.directory("db");
                Path bin = binaries == null || binaries.isBlank()
                        ? dbHome.resolve("mariadb-" + EmbeddedMariaDb.VERSION)
                        : Paths.get(binaries);
                embedded = EmbeddedMariaDb.start(dbHome, bin);
            }
            config.setUrl(embedded.jdbcUrl());
            config.setUsername(embedded.user());
            config.setPassword(embedded.password());
            info.embedded(embedded.jdbcUrl());
        }
        config.setDriverClassName("com.mysql.cj.jdbc.Driver");
        return config;
    }

    /** Listeners are created before the data source, so they are destroyed after it. */
    @PreDestroy
    synchronized void stopEmbedded() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }
}
