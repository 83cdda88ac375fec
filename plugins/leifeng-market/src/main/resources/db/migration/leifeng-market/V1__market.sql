-- The Lei Feng market's tables, in its own schema (gjp_leifeng_market).
CREATE TABLE leifeng_market_market (
    id               BIGINT       NOT NULL,
    organization_id  BIGINT       NOT NULL,
    name             VARCHAR(60)  NOT NULL,
    address          VARCHAR(200) NULL,
    asset_code       VARCHAR(16)  NOT NULL,
    active           BOOLEAN      NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_leifeng_market_market_organization (organization_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- on_hand is the sum of the item's movements; it changes only in the unit that writes a movement,
-- under the item's row lock, which is what keeps two redemptions from selling the last item twice.
CREATE TABLE leifeng_market_item (
    id            BIGINT       NOT NULL,
    market_id     BIGINT       NOT NULL,
    name          VARCHAR(60)  NOT NULL,
    category      VARCHAR(30)  NOT NULL,
    unit          VARCHAR(10)  NOT NULL,
    price_tenths  BIGINT       NOT NULL,
    monthly_cap   INT          NULL,
    active        BOOLEAN      NOT NULL,
    on_hand       BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_leifeng_market_item_name (market_id, name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The stock ledger: append-only. IN (a donation or purchase), OUT (a redemption), ADJUST (damaged,
-- expired, a count's difference), each with what caused it.
CREATE TABLE leifeng_market_movement (
    id             BIGINT       NOT NULL,
    item_id        BIGINT       NOT NULL,
    kind           VARCHAR(10)  CHARACTER SET ascii NOT NULL,
    quantity       BIGINT       NOT NULL,
    redemption_id  BIGINT       NULL,
    donation_id    BIGINT       NULL,
    reason         VARCHAR(200) NULL,
    at             DATETIME(6)  NOT NULL,
    by_user        BIGINT       NOT NULL,
    PRIMARY KEY (id),
    KEY ix_leifeng_market_movement_item (item_id, at),
    KEY ix_leifeng_market_movement_redemption (redemption_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE leifeng_market_donation (
    id               BIGINT       NOT NULL,
    market_id        BIGINT       NOT NULL,
    donor            VARCHAR(60)  NOT NULL,
    donor_member_id  BIGINT       NULL,
    receipt_no       VARCHAR(40)  NULL,
    at               DATETIME(6)  NOT NULL,
    by_user          BIGINT       NOT NULL,
    PRIMARY KEY (id),
    KEY ix_leifeng_market_donation_market (market_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One redemption per (market, idempotency key): a retried request answers the first result.
CREATE TABLE leifeng_market_redemption (
    id               BIGINT       NOT NULL,
    market_id        BIGINT       NOT NULL,
    member_id        BIGINT       NOT NULL,
    idempotency_key  VARCHAR(64)  CHARACTER SET ascii NOT NULL,
    content          VARCHAR(500) CHARACTER SET ascii NOT NULL,
    transfer_id      BIGINT       NOT NULL,
    total_tenths     BIGINT       NOT NULL,
    month            CHAR(7)      CHARACTER SET ascii NOT NULL,
    at               DATETIME(6)  NOT NULL,
    by_user          BIGINT       NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_leifeng_market_redemption_key (market_id, idempotency_key),
    KEY ix_leifeng_market_redemption_member (member_id, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE leifeng_market_redemption_line (
    redemption_id  BIGINT NOT NULL,
    item_id        BIGINT NOT NULL,
    quantity       BIGINT NOT NULL,
    price_tenths   BIGINT NOT NULL,
    PRIMARY KEY (redemption_id, item_id),
    KEY ix_leifeng_market_line_item (item_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
