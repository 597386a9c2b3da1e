-- Subscriptions to scheduled digests: one per channel (a new one replaces the old).
-- updated_at moves on every change, so a replica reloads only what changed since its last look.
CREATE TABLE subscriptions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    platform   TEXT        NOT NULL CHECK (platform IN ('slack', 'discord')),
    team_id    TEXT        NOT NULL DEFAULT '',
    channel_id TEXT        NOT NULL,
    spec       TEXT        NOT NULL,
    zone       TEXT        NOT NULL,
    created_by TEXT        NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    last_slot  TIMESTAMPTZ NOT NULL,
    disabled   TEXT        NOT NULL DEFAULT '',
    updated_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (platform, channel_id)
);
CREATE INDEX subscriptions_updated ON subscriptions (updated_at);
