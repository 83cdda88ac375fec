-- The ledger: double-entry, append-only. A transfer moves a positive amount of one asset from a
-- debit account to a credit account and writes two entries (postings), one per account, each
-- numbered within its account and chained with an HMAC (key outside the database) over the
-- previous entry of that account. Transfers and entries are never updated or deleted; a mistake
-- is corrected by a reversing transfer (reverses_id). Only ledger_account rows change: their
-- balance, totals and chain tip, under a row lock taken in account-id order.

-- What accounts hold: the time bank (minutes; one platform-wide asset) or one point kind that an
-- organization defines for its subtree. unit_scale is the number of stored units per displayed
-- unit (60 minutes per hour / time coin; 10 for points kept in tenths).
CREATE TABLE ledger_asset (
    id                 BIGINT       NOT NULL,
    type               VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    code               VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    name               VARCHAR(50)  NOT NULL,
    organization_id    BIGINT       NULL,
    org_path           VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    unit_scale         INT          NOT NULL,
    negative_allowed   BOOLEAN      NOT NULL,
    -- NEVER | YEARLY (reset on expiry_month_day each year) | ROLLING (points older than
    -- expiry_months months expire)
    expiry_policy      VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    expiry_month_day   CHAR(5)      CHARACTER SET ascii NULL,
    expiry_months      INT          NULL,
    created_at         DATETIME(6)  NOT NULL,
    archived_at        DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ledger_asset_code (org_path, code),
    CONSTRAINT fk_ledger_asset_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO ledger_asset (id, type, code, name, organization_id, org_path, unit_scale, negative_allowed,
                          expiry_policy, created_at)
VALUES (1, 'TIME', 'TIME', '时间币', NULL, '/', 60, FALSE, 'NEVER', UTC_TIMESTAMP(6));

-- An account holds one asset for one owner: a member (MEMBER), or an organization's community
-- pool (POOL) or system accounts (ISSUANCE: where awards and deposits come from; EXPIRY;
-- REDEMPTION: where spent coins and points go). balance = credits - debits. Member and pool
-- accounts may not go below zero unless the asset allows it; system accounts may.
-- org_path is the owning organization's path for organization accounts and empty for member
-- accounts (they are scoped through the member, who may move).
CREATE TABLE ledger_account (
    id                 BIGINT       NOT NULL,
    asset_id           BIGINT       NOT NULL,
    owner_type         VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    owner_id           BIGINT       NOT NULL,
    org_path           VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    balance            BIGINT       NOT NULL,
    debits             BIGINT       NOT NULL,
    credits            BIGINT       NOT NULL,
    entries            BIGINT       NOT NULL,
    head_hash          BINARY(32)   NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    closed_at          DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ledger_account_owner (owner_type, owner_id, asset_id),
    KEY ix_ledger_account_asset (asset_id, owner_type, balance),
    CONSTRAINT fk_ledger_account_asset FOREIGN KEY (asset_id) REFERENCES ledger_asset (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per idempotency key and client (the user, 0 for the platform's own jobs): the request's
-- content hash and its final result, written in the same transaction as its transfers. A replay
-- with the same content answers the stored result; other content answers
-- DUPLICATE_WITH_DIFFERENT_CONTENT. Rejections (e.g. INSUFFICIENT_BALANCE) are final too.
CREATE TABLE ledger_request (
    id                 BIGINT       NOT NULL,
    client_id          BIGINT       NOT NULL,
    idempotency_key    VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    content_hash       BINARY(32)   NOT NULL,
    result             VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    failed_index       INT          NULL,
    transfers          INT          NOT NULL,
    created_at         DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ledger_request_key (client_id, idempotency_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE ledger_transfer (
    id                 BIGINT       NOT NULL,
    request_id         BIGINT       NOT NULL,
    asset_id           BIGINT       NOT NULL,
    debit_account_id   BIGINT       NOT NULL,
    credit_account_id  BIGINT       NOT NULL,
    amount             BIGINT       NOT NULL,
    reason_code        VARCHAR(48)  CHARACTER SET ascii NOT NULL,
    category           VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    memo               VARCHAR(200) NULL,
    source_type        VARCHAR(32)  CHARACTER SET ascii NULL,
    source_ref         VARCHAR(64)  CHARACTER SET ascii NULL,
    reverses_id        BIGINT       NULL,
    actor_user_id      BIGINT       NULL,
    organization_id    BIGINT       NOT NULL,
    org_path           VARCHAR(760) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    posted_at          DATETIME(6)  NOT NULL,
    hash               BINARY(32)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_ledger_transfer_request (request_id),
    UNIQUE KEY ux_ledger_transfer_reverses (reverses_id),
    KEY ix_ledger_transfer_asset_time (asset_id, posted_at),
    KEY ix_ledger_transfer_scope (org_path, posted_at),
    KEY ix_ledger_transfer_source (source_type, source_ref),
    KEY ix_ledger_transfer_credit (credit_account_id, posted_at),
    KEY ix_ledger_transfer_debit (debit_account_id, posted_at),
    CONSTRAINT chk_ledger_transfer_amount CHECK (amount > 0),
    CONSTRAINT chk_ledger_transfer_accounts CHECK (debit_account_id <> credit_account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The postings: amount is negative on the debit side and positive on the credit side; balance is
-- the account's balance after it; counterparty_type is the other side's owner type (rankings
-- count what members earned from ISSUANCE accounts). hash = HMAC(previous entry's hash of this account, this entry,
-- the transfer's hash), so a changed, removed or reordered entry or transfer breaks the chain.
CREATE TABLE ledger_entry (
    account_id         BIGINT       NOT NULL,
    seq                BIGINT       NOT NULL,
    transfer_id        BIGINT       NOT NULL,
    asset_id           BIGINT       NOT NULL,
    amount             BIGINT       NOT NULL,
    balance            BIGINT       NOT NULL,
    counterparty_type  VARCHAR(16)  CHARACTER SET ascii NOT NULL,
    posted_at          DATETIME(6)  NOT NULL,
    hash               BINARY(32)   NOT NULL,
    PRIMARY KEY (account_id, seq),
    KEY ix_ledger_entry_transfer (transfer_id),
    KEY ix_ledger_entry_time (account_id, posted_at),
    KEY ix_ledger_entry_earned (asset_id, counterparty_type, posted_at, account_id, amount)
) ENGINE = InnoDB;

-- What each member account earned per month (China time, yyyymm) from ISSUANCE accounts: awards
-- minus deductions. Kept in the posting transaction (under the account's lock) so that rankings
-- add up months instead of scanning entries; reconciliation checks it against the entries.
CREATE TABLE ledger_earning (
    asset_id           BIGINT       NOT NULL,
    month              INT          NOT NULL,
    account_id         BIGINT       NOT NULL,
    amount             BIGINT       NOT NULL,
    PRIMARY KEY (asset_id, month, account_id)
) ENGINE = InnoDB;

-- Results of reconciliation runs (command, nightly job, or an administrator's button).
CREATE TABLE ledger_reconciliation (
    id                 BIGINT       NOT NULL,
    started_at         DATETIME(6)  NOT NULL,
    finished_at        DATETIME(6)  NOT NULL,
    ok                 BOOLEAN      NOT NULL,
    transfers          BIGINT       NOT NULL,
    entries            BIGINT       NOT NULL,
    accounts           BIGINT       NOT NULL,
    problems           TEXT         NULL,
    triggered_by       VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_ledger_reconciliation_time (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
