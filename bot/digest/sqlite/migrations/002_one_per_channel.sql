-- One subscription per channel: a new one replaces the old. Keep the newest of any
-- duplicates made before this migration.
DELETE FROM subscriptions WHERE id NOT IN (SELECT MAX(id) FROM subscriptions GROUP BY platform, channel_id);
DROP INDEX IF EXISTS subscriptions_channel;
CREATE UNIQUE INDEX subscriptions_channel ON subscriptions (platform, channel_id);
