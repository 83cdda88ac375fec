-- Where each installed plugin is on (issue 11). The platform administrator sets a plugin's default
-- (on everywhere, or nowhere; no row: on); an organization's administrator turns a plugin on or off
-- for the organization's subtree, and the nearest setting up the tree wins (the organization's own,
-- else its parent's, ... else the default). Rows are keyed by organization id only: the ancestors of
-- an organization are the ids in its path, so a moved organization needs no path rewritten here.
CREATE TABLE plugin_enablement_default (
    plugin_id   VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    enabled     BOOLEAN     NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    changed_by  BIGINT      NULL,
    PRIMARY KEY (plugin_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE plugin_enablement (
    plugin_id        VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    organization_id  BIGINT      NOT NULL,
    enabled          BOOLEAN     NOT NULL,
    changed_at       DATETIME(6) NOT NULL,
    changed_by       BIGINT      NULL,
    PRIMARY KEY (plugin_id, organization_id),
    KEY ix_plugin_enablement_organization (organization_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
