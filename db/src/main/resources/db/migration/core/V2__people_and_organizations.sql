-- People and organizations: members with protected personal data, households, transfers,
-- accounts linked to members with lockout, and the hash-chained audit log.

-- Members live in one organization (the scope anchor); org_path is that organization's path,
-- copied so that "members of a subtree" is one index range without a join. Moving an
-- organization rewrites the copies of its subtree in the same transaction.
ALTER TABLE member
    ADD COLUMN org_path          VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT '/' AFTER organization_id,
    ADD COLUMN name_pinyin       VARCHAR(200) CHARACTER SET ascii NOT NULL DEFAULT '' AFTER name,
    ADD COLUMN name_initials     VARCHAR(50)  CHARACTER SET ascii NOT NULL DEFAULT '' AFTER name_pinyin,
    ADD COLUMN gender            VARCHAR(8)   NULL,
    ADD COLUMN birth_date        DATE         NULL,
    -- the ID card number: AES-GCM ciphertext, a keyed hash (HMAC-SHA256) for lookups and
    -- uniqueness, and the last four characters for search; never stored in clear
    ADD COLUMN id_number_enc     VARBINARY(128) NULL,
    ADD COLUMN id_number_hash    BINARY(32)   NULL,
    ADD COLUMN id_last4          CHAR(4)      CHARACTER SET ascii NULL,
    ADD COLUMN phone_enc         VARBINARY(128) NULL,
    ADD COLUMN phone_last4       CHAR(4)      CHARACTER SET ascii NULL,
    ADD COLUMN address           VARCHAR(200) NULL,
    ADD COLUMN grid_id           BIGINT       NULL,
    ADD COLUMN household_id      BIGINT       NULL,
    ADD COLUMN household_relation VARCHAR(16) NULL,
    ADD COLUMN status            VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN party_status      VARCHAR(16)  NULL,
    ADD COLUMN party_joined_on   DATE         NULL,
    ADD COLUMN branch_id         BIGINT       NULL,
    ADD COLUMN volunteer         BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN volunteer_since   DATE         NULL,
    ADD COLUMN skills            VARCHAR(500) NULL,
    ADD COLUMN tags              VARCHAR(500) NULL,
    ADD COLUMN updated_at        DATETIME(6)  NULL,
    ADD COLUMN version           INT          NOT NULL DEFAULT 0,
    ADD UNIQUE KEY ux_member_id_number (id_number_hash),
    ADD KEY ix_member_scope (org_path, status, id),
    ADD KEY ix_member_pinyin (name_pinyin),
    ADD KEY ix_member_initials (name_initials),
    ADD KEY ix_member_name (name),
    ADD KEY ix_member_id_last4 (id_last4),
    ADD KEY ix_member_phone_last4 (phone_last4),
    ADD KEY ix_member_household (household_id),
    ADD CONSTRAINT fk_member_grid FOREIGN KEY (grid_id) REFERENCES organization (id),
    ADD CONSTRAINT fk_member_branch FOREIGN KEY (branch_id) REFERENCES organization (id);

UPDATE member m JOIN organization o ON o.id = m.organization_id SET m.org_path = o.path;

-- Tags are also in their own table for exact filtering ("tag = 低保户").
CREATE TABLE member_tag (
    member_id  BIGINT      NOT NULL,
    tag        VARCHAR(32) NOT NULL,
    PRIMARY KEY (member_id, tag),
    KEY ix_member_tag_tag (tag, member_id),
    CONSTRAINT fk_member_tag_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE household (
    id               BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    org_path         VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    address          VARCHAR(200) NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_household_scope (org_path),
    CONSTRAINT fk_household_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE member ADD CONSTRAINT fk_member_household FOREIGN KEY (household_id) REFERENCES household (id);

-- 组织关系转接: every move of a member between organizations, never updated or deleted.
CREATE TABLE member_transfer (
    id               BIGINT       NOT NULL,
    member_id        BIGINT       NOT NULL,
    from_org_id      BIGINT       NOT NULL,
    to_org_id        BIGINT       NOT NULL,
    reason           VARCHAR(200) NOT NULL,
    actor_user_id    BIGINT       NOT NULL,
    transferred_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_member_transfer_member (member_id, transferred_at),
    CONSTRAINT fk_member_transfer_member FOREIGN KEY (member_id) REFERENCES member (id),
    CONSTRAINT fk_member_transfer_from FOREIGN KEY (from_org_id) REFERENCES organization (id),
    CONSTRAINT fk_member_transfer_to FOREIGN KEY (to_org_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Users sign in as members; lockout after repeated failures.
ALTER TABLE app_user
    ADD COLUMN member_id        BIGINT      NULL,
    ADD COLUMN failed_attempts  INT         NOT NULL DEFAULT 0,
    ADD COLUMN locked_until     DATETIME(6) NULL,
    ADD COLUMN last_login_at    DATETIME(6) NULL,
    ADD CONSTRAINT fk_app_user_member FOREIGN KEY (member_id) REFERENCES member (id);

ALTER TABLE organization ADD KEY ix_organization_name (name);

-- The audit log is append-only and hash-chained: each row's hash covers its content and the
-- previous row's hash, so a changed or deleted row breaks the chain. audit_head holds the tip;
-- appending locks it, which orders appends across app nodes.
CREATE TABLE audit_log (
    seq              BIGINT       NOT NULL,
    id               BIGINT       NOT NULL,
    at               DATETIME(6)  NOT NULL,
    actor_user_id    BIGINT       NULL,
    actor_name       VARCHAR(64)  NOT NULL,
    action           VARCHAR(48)  CHARACTER SET ascii NOT NULL,
    target_type      VARCHAR(32)  CHARACTER SET ascii NULL,
    target_id        BIGINT       NULL,
    organization_id  BIGINT       NULL,
    org_path         VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NULL,
    detail           TEXT         NULL,
    client_ip        VARCHAR(45)  CHARACTER SET ascii NULL,
    prev_hash        BINARY(32)   NOT NULL,
    hash             BINARY(32)   NOT NULL,
    PRIMARY KEY (seq),
    UNIQUE KEY ux_audit_log_id (id),
    KEY ix_audit_log_at (at),
    KEY ix_audit_log_action (action, at),
    KEY ix_audit_log_actor (actor_user_id, at),
    KEY ix_audit_log_target (target_type, target_id),
    KEY ix_audit_log_scope (org_path, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE audit_head (
    id         TINYINT     NOT NULL,
    seq        BIGINT      NOT NULL,
    hash       BINARY(32)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, UNHEX(REPEAT('00', 32)));
