-- Subscriptions to scheduled digests. Times are Unix seconds (UTC).
CREATE TABLE subscriptions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    platform   TEXT    NOT NULL CHECK (platform IN ('slack', 'discord')),
    team_id    TEXT    NOT NULL DEFAULT '',
    channel_id TEXT    NOT NULL,
    spec       TEXT    NOT NULL,
    zone       TEXT    NOT NULL,
    created_by TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_slot  INTEGER NOT NULL,
    disabled   TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX subscriptions_channel ON subscriptions (platform, channel_id);
