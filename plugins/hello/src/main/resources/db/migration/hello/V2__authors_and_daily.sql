-- Version 2: who left a greeting (a volunteer's member id, when known), the event a welcome answered
-- (unique: the listener runs at least once per event), and the daily count the job keeps.
ALTER TABLE hello_greeting
    ADD COLUMN member_id BIGINT NULL,
    ADD COLUMN event_id  BIGINT NULL,
    ADD UNIQUE KEY ux_hello_greeting_event (event_id);

CREATE TABLE hello_daily (
    day        DATE   NOT NULL,
    greetings  BIGINT NOT NULL,
    PRIMARY KEY (day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
