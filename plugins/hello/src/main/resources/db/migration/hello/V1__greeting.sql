CREATE TABLE hello_greeting (
    id          BIGINT       NOT NULL,
    message     VARCHAR(200) NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
