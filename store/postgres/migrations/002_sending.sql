-- A slot being sent and its lease: a process that dies mid-post leaves them set, and the
-- first replica to find the lease run out resolves the slot.
ALTER TABLE subscriptions ADD COLUMN sending_slot TIMESTAMPTZ;
ALTER TABLE subscriptions ADD COLUMN lease_until  TIMESTAMPTZ;
CREATE INDEX subscriptions_sending ON subscriptions (lease_until) WHERE sending_slot IS NOT NULL;
