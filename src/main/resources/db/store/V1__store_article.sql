-- One row per article ever written to the store, keyed by source name and article id.
-- Written in the SQL that both H2 (the embedded default) and PostgreSQL accept.
CREATE TABLE store_article (
    source_name VARCHAR(200) NOT NULL,
    article_id  VARCHAR(200) NOT NULL,
    -- 1 on creation, +1 on every replace and on delete; never reused, so it is the API's ETag
    revision    BIGINT       NOT NULL,
    -- a deleted article stays as a tombstone: its revision goes on counting and other servers see the change
    deleted     BOOLEAN      NOT NULL,
    -- the article as a JSON object in the shape of a *.json article file
    document    TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT store_article_pk PRIMARY KEY (source_name, article_id)
);
