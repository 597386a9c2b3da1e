-- Subscriptions removed, kept a day, so a replica's reload can read only what changed since
-- its last (updated_at for the rest) instead of every row each minute.
CREATE TABLE removed_subscriptions (
    id         BIGINT      NOT NULL,
    removed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX removed_subscriptions_at ON removed_subscriptions (removed_at);

CREATE FUNCTION subscription_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO removed_subscriptions (id) VALUES (OLD.id);
    DELETE FROM removed_subscriptions WHERE removed_at < clock_timestamp() - interval '1 day';
    RETURN OLD;
END $$;

CREATE TRIGGER subscriptions_removed AFTER DELETE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION subscription_removed();
