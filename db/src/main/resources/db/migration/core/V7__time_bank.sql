-- The time bank (时间银行): its rules per organization. Balances and movements live in the ledger
-- (asset 1, minutes); this table only holds the policies that organizations set for their subtree.
-- A policy applies to the organization and everything below it, unless a deeper organization sets
-- its own; where no ancestor sets one, the defaults of TimeBankPolicy apply (spend from age 60,
-- store at most 1500 h, gifts to direct relatives and donations to the community pool allowed).
-- The row is keyed by organization id only (no copied path), so moving an organization keeps its
-- policy and makes it inherit from its new ancestors.
CREATE TABLE time_bank_policy (
    organization_id      BIGINT      NOT NULL,
    spending_min_age     INT         NOT NULL,
    storage_cap_minutes  BIGINT      NOT NULL,
    gifts_allowed        BOOLEAN     NOT NULL,
    donations_allowed    BOOLEAN     NOT NULL,
    updated_at           DATETIME(6) NOT NULL,
    updated_by           BIGINT      NULL,
    PRIMARY KEY (organization_id),
    CONSTRAINT fk_time_bank_policy_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT chk_time_bank_policy_age CHECK (spending_min_age BETWEEN 0 AND 120),
    CONSTRAINT chk_time_bank_policy_cap CHECK (storage_cap_minutes > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

