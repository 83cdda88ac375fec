-- Version 2: reservations on the volunteer's phone, collected at the counter with a pickup code.
-- A reservation's points and goods leave at once (they are held for the member); one not collected
-- before expires_at is cancelled by the hourly job: its transfer reversed, its goods returned.
CREATE TABLE leifeng_market_reservation (
    id              BIGINT      NOT NULL,
    market_id       BIGINT      NOT NULL,
    member_id       BIGINT      NOT NULL,
    redemption_id   BIGINT      NOT NULL,
    code            CHAR(8)     CHARACTER SET ascii NOT NULL,
    status          VARCHAR(12) CHARACTER SET ascii NOT NULL,
    expires_at      DATETIME(6) NOT NULL,
    closed_at       DATETIME(6) NULL,
    closed_by       BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_leifeng_market_reservation_code (market_id, code),
    UNIQUE KEY ux_leifeng_market_reservation_redemption (redemption_id),
    KEY ix_leifeng_market_reservation_due (status, expires_at),
    KEY ix_leifeng_market_reservation_member (member_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A redemption undone (a reservation not collected): its points went back; the statement leaves it out.
ALTER TABLE leifeng_market_redemption ADD COLUMN cancelled_at DATETIME(6) NULL;
