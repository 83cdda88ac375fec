-- Version 3: the secretary's catalogue, eligibility, photos and purchases.

-- Who may redeem an item: EVERYONE (default), VOLUNTEERS (registered volunteers), TAG (members with
-- eligibility_tag), RESIDENTS (members of an organization in the market's subtree).
-- photo_id names the item's current photo (the row in leifeng_market_photo), null for none.
ALTER TABLE leifeng_market_item
    ADD COLUMN eligibility      VARCHAR(12) CHARACTER SET ascii NOT NULL DEFAULT 'EVERYONE',
    ADD COLUMN eligibility_tag  VARCHAR(32) NULL,
    ADD COLUMN photo_id         BIGINT      NULL;

-- Photos of goods and of donations, in the plugin's own schema (not the data directory: several
-- app nodes share one database). Checked as JPEG or PNG by their bytes, at most 2 MB.
CREATE TABLE leifeng_market_photo (
    id            BIGINT      NOT NULL,
    owner_kind    VARCHAR(10) CHARACTER SET ascii NOT NULL,
    owner_id      BIGINT      NOT NULL,
    content_type  VARCHAR(20) CHARACTER SET ascii NOT NULL,
    size          INT         NOT NULL,
    content       MEDIUMBLOB  NOT NULL,
    at            DATETIME(6) NOT NULL,
    by_user       BIGINT      NOT NULL,
    PRIMARY KEY (id),
    KEY ix_leifeng_market_photo_owner (owner_kind, owner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A donation's donor kind (MERCHANT 商户, UNIT 单位, RESIDENT 居民) and its optional photo.
ALTER TABLE leifeng_market_donation
    ADD COLUMN donor_kind  VARCHAR(10) CHARACTER SET ascii NOT NULL DEFAULT 'MERCHANT',
    ADD COLUMN photo_id    BIGINT      NULL;

-- Purchases with the community's funds (采购入库): their goods come in as PURCHASE movements, so the
-- statement shows them apart from donations.
CREATE TABLE leifeng_market_purchase (
    id            BIGINT      NOT NULL,
    market_id     BIGINT      NOT NULL,
    supplier      VARCHAR(60) NOT NULL,
    amount_cents  BIGINT      NOT NULL,
    receipt_no    VARCHAR(40) NULL,
    at            DATETIME(6) NOT NULL,
    by_user       BIGINT      NOT NULL,
    PRIMARY KEY (id),
    KEY ix_leifeng_market_purchase_market (market_id, at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A purchase's movements name it; a donated or purchased line may carry its expiry date.
ALTER TABLE leifeng_market_movement
    ADD COLUMN purchase_id  BIGINT NULL,
    ADD COLUMN expires_on   DATE   NULL,
    ADD KEY ix_leifeng_market_movement_donation (donation_id),
    ADD KEY ix_leifeng_market_movement_purchase (purchase_id);
