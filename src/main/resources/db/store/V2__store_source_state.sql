-- One row per source that keeps state of its own in the store, so every process of a cluster reads the same:
-- an upstream feed source's kept items and cache validators, written by the one process that polls it.
CREATE TABLE store_source_state (
    source_name VARCHAR(200) NOT NULL,
    -- 1 on creation, +1 on every write: readers fetch the document only when it moved past what they hold
    revision    BIGINT       NOT NULL,
    -- the state as JSON, in the source's own shape
    document    TEXT         NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT store_source_state_pk PRIMARY KEY (source_name)
);
