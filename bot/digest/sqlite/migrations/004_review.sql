-- Questions kept for review (package review): masked text, no user or channel ids.
-- Times are Unix nanoseconds (UTC).
CREATE TABLE review_entries (
    at         INTEGER NOT NULL,
    platform   TEXT    NOT NULL,
    question   TEXT    NOT NULL,
    outcome    TEXT    NOT NULL,
    topic      TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    confidence REAL    NOT NULL
);
CREATE INDEX review_entries_at ON review_entries (at);
