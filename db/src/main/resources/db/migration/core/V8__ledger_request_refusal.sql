-- A request refused by a rule of the feature that posts it (e.g. the time bank's spending age)
-- is stored like a ledger refusal: result REFUSED and the feature's code here, so that a retry
-- with the same idempotency key answers the first decision instead of judging again.
ALTER TABLE ledger_request ADD COLUMN refusal VARCHAR(40) CHARACTER SET ascii NULL AFTER failed_index;
