-- Plugin settings per organization: one row per plugin, organization and key that the organization
-- set itself. An organization without its own row uses the nearest ancestor's, else the default
-- the plugin declares (org.gongjian.pluginsettings). Values are text checked against the plugin's
-- definition before they are stored, and again when read (a plugin upgrade may change a definition).
CREATE TABLE plugin_setting (
    plugin_id        VARCHAR(40)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    organization_id  BIGINT        NOT NULL,
    setting_key      VARCHAR(48)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    setting_value    VARCHAR(1000) NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    updated_by       BIGINT        NULL,
    PRIMARY KEY (plugin_id, organization_id, setting_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Runs of plugins' scheduled jobs: the INSERT of a (plugin, job, period) row claims the period, so
-- that of several app nodes sharing the database exactly one runs it (org.gongjian.plugins.PluginJobs).
CREATE TABLE plugin_job_run (
    plugin_id     VARCHAR(40)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    job_key       VARCHAR(40)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    period_start  DATETIME(6)   NOT NULL,
    claimed_at    DATETIME(6)   NOT NULL,
    finished_at   DATETIME(6)   NULL,
    outcome       VARCHAR(16)   CHARACTER SET ascii NOT NULL,
    error         VARCHAR(500)  NULL,
    PRIMARY KEY (plugin_id, job_key, period_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
