-- Event ids already taken (Slack event ids, Discord interaction and message ids), shared by
-- replicas: the insert that finds a live row means "already seen".
CREATE TABLE seen_events (
    id         TEXT        PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX seen_events_expires ON seen_events (expires_at);

-- The last turn of each conversation (ids only: topic, facet, entities; never the text
-- asked), so a follow-up that reaches another replica keeps what was meant.
CREATE TABLE conversation_turns (
    conversation TEXT        PRIMARY KEY,
    turn         JSONB       NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX conversation_turns_expires ON conversation_turns (expires_at);
