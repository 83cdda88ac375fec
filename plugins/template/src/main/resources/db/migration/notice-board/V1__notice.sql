-- The plugin's one table, in its own schema (gjp_notice_board); its name starts with the plugin id.
CREATE TABLE notice_board_notice (
    id               BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    member_id        BIGINT       NULL,
    title            VARCHAR(200) NOT NULL,
    posted_by        VARCHAR(64)  NOT NULL,
    posted_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_notice_board_notice_organization (organization_id, posted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
