-- Gongjian core schema, version 1: the walking skeleton.
-- Conventions: ids are application-generated time-sortable 64-bit numbers (no AUTO_INCREMENT, so
-- the same SQL runs on group replication, Galera and TiDB); times are DATETIME(6) in UTC; every
-- table is InnoDB with utf8mb4 and has a primary key.

CREATE TABLE organization (
    id           BIGINT       NOT NULL,
    parent_id    BIGINT       NULL,
    kind         VARCHAR(32)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    -- materialized path of ancestor ids and its own, e.g. '/1/7/42/': subtree = path LIKE '/1/7/%'
    path         VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    archived_at  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_organization_parent (parent_id),
    UNIQUE KEY ux_organization_path (path),
    CONSTRAINT fk_organization_parent FOREIGN KEY (parent_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE member (
    id               BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    name             VARCHAR(50)  NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_member_organization (organization_id),
    CONSTRAINT fk_member_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE app_user (
    id                     BIGINT       NOT NULL,
    username               VARCHAR(64)  NOT NULL,
    password_hash          VARCHAR(255) NOT NULL,
    password_change_needed BOOLEAN      NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    created_at             DATETIME(6)  NOT NULL,
    password_changed_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_app_user_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A role is granted on an organization and covers its subtree; PLATFORM_ADMIN has no organization.
CREATE TABLE role_grant (
    id               BIGINT      NOT NULL,
    user_id          BIGINT      NOT NULL,
    role             VARCHAR(32) NOT NULL,
    organization_id  BIGINT      NULL,
    created_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_role_grant_user (user_id),
    CONSTRAINT fk_role_grant_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_role_grant_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- API access tokens are opaque; only their SHA-256 is stored, so a database leak yields no token.
CREATE TABLE api_token (
    id          BIGINT      NOT NULL,
    user_id     BIGINT      NOT NULL,
    token_hash  BINARY(32)  NOT NULL,
    created_at  DATETIME(6) NOT NULL,
    expires_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_api_token_hash (token_hash),
    KEY ix_api_token_user (user_id),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
