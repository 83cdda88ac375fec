-- Plugins installed at runtime (issue 11). A platform administrator uploads a jar; it is stored here
-- so that every app node runs the same set, and survives restarts. A jar is kept in chunks of at
-- most 256 KiB: no row needs a max_allowed_packet beyond the default of MySQL-protocol clusters.
CREATE TABLE plugin_package (
    sha256        CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    plugin_id     VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    version       VARCHAR(40) NOT NULL,
    size_bytes    BIGINT      NOT NULL,
    uploaded_at   DATETIME(6) NOT NULL,
    uploaded_by   BIGINT      NULL,
    PRIMARY KEY (sha256),
    KEY ix_plugin_package_plugin (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plugin_package_chunk (
    sha256  CHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    seq     INT        NOT NULL,
    bytes   MEDIUMBLOB NOT NULL,
    PRIMARY KEY (sha256, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What every node runs: the package of an uploaded plugin (sha256), or none for a jar the operator
-- placed in the plugins directory or one bundled with the server; and whether the platform
-- administrator switched it off. Nodes compare their own state with these rows and follow them.
CREATE TABLE plugin_installation (
    plugin_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    sha256      CHAR(64)    CHARACTER SET ascii COLLATE ascii_bin NULL,
    enabled     BOOLEAN     NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    changed_by  BIGINT      NULL,
    PRIMARY KEY (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
