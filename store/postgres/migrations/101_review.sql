-- Questions kept for review (package review): masked text, no user or channel ids.
CREATE TABLE review_entries (
    at         TIMESTAMPTZ      NOT NULL,
    platform   TEXT             NOT NULL,
    question   TEXT             NOT NULL,
    outcome    TEXT             NOT NULL,
    topic      TEXT             NOT NULL,
    reason     TEXT             NOT NULL,
    confidence DOUBLE PRECISION NOT NULL
);
CREATE INDEX review_entries_at ON review_entries (at);
