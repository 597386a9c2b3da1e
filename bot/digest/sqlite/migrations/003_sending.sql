-- A slot being sent and its lease (Unix seconds; 0 = none): a process that dies mid-post
-- leaves them set, and the next one to find the lease run out resolves the slot.
ALTER TABLE subscriptions ADD COLUMN sending_slot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ADD COLUMN lease_until  INTEGER NOT NULL DEFAULT 0;
