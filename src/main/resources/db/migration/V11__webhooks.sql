-- Webhooks: one endpoint per client (its secret only sealed: signing needs the secret itself, so it cannot
-- be hashed), and the outbox of events, written in the same transaction as the status change that causes them.

CREATE TABLE webhook_endpoints (
    client_id     text        PRIMARY KEY REFERENCES clients (client_id),
    url           text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    -- nonce || AES-256-GCM ciphertext of the signing secret under the master key (associated data: the client)
    sealed_secret bytea       NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_events (
    seq             bigserial   PRIMARY KEY,  -- enqueue order: the delivery order of one transaction's events
    event_id        uuid        NOT NULL UNIQUE,
    client_id       text        NOT NULL REFERENCES clients (client_id),
    source_id       text        NOT NULL,
    event_type      text        NOT NULL
                    CHECK (event_type IN ('transaction.confirming', 'transaction.confirmed', 'transaction.failed')),
    body            text        NOT NULL,     -- fixed at enqueue: every attempt sends the same bytes
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    queued_at       timestamptz NOT NULL DEFAULT now(), -- the give-up age counts from here (reset by redeliver)
    lease_token     uuid,                     -- the claim of the instance delivering it now
    leased_until    timestamptz,
    last_error      text        CHECK (length(last_error) <= 500),
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at, seq) WHERE status = 'pending';
CREATE INDEX webhook_events_pending_by_source ON webhook_events (source_id, seq) WHERE status = 'pending';
CREATE INDEX webhook_events_by_client ON webhook_events (client_id, seq DESC);
