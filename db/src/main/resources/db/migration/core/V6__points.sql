-- Points: point kinds are ledger_asset rows of type POINTS (see V5). This adds the domain-event
-- outbox that rules react to, the rules, manual adjustments waiting for a second administrator,
-- per-organization settings, and the record of expiries done per account and period.

-- Domain events (hours approved, attendance recorded, ...) are written in the transaction of what
-- caused them and handled after it commits; a sweeper handles what a crash left behind. Handlers
-- are idempotent (ledger keys derived from the event id), so handling twice posts once.
CREATE TABLE domain_event (
    id               BIGINT       NOT NULL,
    type             VARCHAR(48)  CHARACTER SET ascii NOT NULL,
    member_id        BIGINT       NULL,
    organization_id  BIGINT       NULL,
    quantity         BIGINT       NOT NULL,
    attributes       TEXT         NULL,
    occurred_at      DATETIME(6)  NOT NULL,
    handled_at       DATETIME(6)  NULL,
    attempts         INT          NOT NULL,
    last_error       VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY ix_domain_event_pending (handled_at, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A rule maps an event type (with an optional condition on one attribute and a minimum quantity)
-- to points of one kind for the member, for members of the rule's organization subtree, within a
-- validity window, capped per member per day / week / month / year. Negative points deduct.
-- FIXED: points per event; PER_UNIT: points for every per_units of the event's quantity (e.g. 10
-- points per 60 minutes of service).
CREATE TABLE points_rule (
    id               BIGINT       NOT NULL,
    asset_id         BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    org_path         VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    name             VARCHAR(100) NOT NULL,
    event_type       VARCHAR(48)  CHARACTER SET ascii NOT NULL,
    condition_key    VARCHAR(48)  CHARACTER SET ascii NULL,
    condition_value  VARCHAR(100) NULL,
    min_quantity     BIGINT       NULL,
    formula          VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    points           BIGINT       NOT NULL,
    per_units        BIGINT       NULL,
    cap_day          BIGINT       NULL,
    cap_week         BIGINT       NULL,
    cap_month        BIGINT       NULL,
    cap_year         BIGINT       NULL,
    category         VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    valid_from       DATE         NULL,
    valid_to         DATE         NULL,
    created_at       DATETIME(6)  NOT NULL,
    created_by       BIGINT       NULL,
    archived_at      DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_points_rule_event (event_type, archived_at),
    KEY ix_points_rule_scope (org_path),
    CONSTRAINT fk_points_rule_asset FOREIGN KEY (asset_id) REFERENCES ledger_asset (id),
    CONSTRAINT fk_points_rule_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Manual adjustments above the organization's threshold wait here for a second administrator;
-- the approval posts them (ledger key adjustment:<id>). status: PENDING, APPROVED, REJECTED.
CREATE TABLE points_adjustment (
    id               BIGINT       NOT NULL,
    client_id        BIGINT       NOT NULL,
    idempotency_key  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    asset_id         BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    org_path         VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    member_id        BIGINT       NOT NULL,
    amount           BIGINT       NOT NULL,
    reason_code      VARCHAR(48)  CHARACTER SET ascii NOT NULL,
    category         VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    memo             VARCHAR(200) NOT NULL,
    requested_by     BIGINT       NOT NULL,
    requested_at     DATETIME(6)  NOT NULL,
    status           VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    decided_by       BIGINT       NULL,
    decided_at       DATETIME(6)  NULL,
    decision_note    VARCHAR(200) NULL,
    request_id       BIGINT       NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_points_adjustment_key (client_id, idempotency_key),
    KEY ix_points_adjustment_inbox (status, org_path),
    KEY ix_points_adjustment_member (member_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Settings per organization, inherited by the subtree (the deepest wins): the manual adjustment
-- amount (in points, whole units) above which a second administrator approves, and the volunteer
-- star thresholds in hours of approved service.
CREATE TABLE points_settings (
    organization_id     BIGINT       NOT NULL,
    org_path            VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    approval_threshold  BIGINT       NOT NULL,
    star_hours          VARCHAR(100) CHARACTER SET ascii NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (organization_id),
    UNIQUE KEY ux_points_settings_path (org_path)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per account and expiry period, written with the expiry transfer: a period expires once
-- even when the job runs again or on several nodes.
CREATE TABLE points_expiry_done (
    asset_id         BIGINT       NOT NULL,
    period           VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    account_id       BIGINT       NOT NULL,
    amount           BIGINT       NOT NULL,
    done_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (asset_id, period, account_id)
) ENGINE = InnoDB;
