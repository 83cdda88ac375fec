-- Five wrong passwords in a row lock one account for one client address: an attacker who hammers
-- an account locks out only himself, while its owner still signs in from elsewhere.
-- app_user.locked_until now says until when the account is locked from at least one address
-- (shown on the users page); app_user.failed_attempts is no longer counted.
CREATE TABLE sign_in_lock (
    user_id         BIGINT      NOT NULL,
    client_address  VARCHAR(64) NOT NULL,
    failed_attempts INT         NOT NULL,
    locked_until    DATETIME(6) NULL,
    PRIMARY KEY (user_id, client_address),
    CONSTRAINT fk_sign_in_lock_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
