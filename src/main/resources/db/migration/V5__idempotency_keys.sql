-- Idempotency-Key: the first answer to a client's POST, kept with its key so that a retry replays it instead of
-- running again. The primary key decides between racing requests with one key: one claims it, the others see it.
CREATE TABLE idempotency_keys (
    client_id       text        NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- SHA-256 of method, path and body bytes: the same key with another request is refused
    request_hash    bytea       NOT NULL CHECK (length(request_hash) = 32),
    state           text        NOT NULL CHECK (state IN ('in_progress', 'done')),
    -- the request holding the key: only it may store its answer or release the key
    owner           uuid        NOT NULL,
    status_code     integer,
    response_body   bytea,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- an in-progress key whose request never finished (a crash, a frozen network) is free again after this
    locked_until    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (client_id, idempotency_key),
    CHECK (state = 'in_progress' OR (status_code IS NOT NULL AND response_body IS NOT NULL))
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);
