-- Every write of an article (creation, replacement, delete) takes the next change number of the store, so a reader
-- that remembers the highest number it applied asks only for the rows changed since: a reload after one write reads
-- one row, not the archive. Written in the SQL that both SQLite (the embedded store) and PostgreSQL accept.
ALTER TABLE store_article ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
-- the rows written before get numbers in the order they were last written
UPDATE store_article SET change_seq = numbered.seq
FROM (SELECT source_name, article_id,
             ROW_NUMBER() OVER (ORDER BY updated_at, source_name, article_id) AS seq
      FROM store_article) AS numbered
WHERE store_article.source_name = numbered.source_name AND store_article.article_id = numbered.article_id;
CREATE INDEX store_article_change ON store_article (source_name, change_seq);
-- The last change number handed out. Not a PostgreSQL SEQUENCE: a sequence hands numbers out in the order writers
-- ask, and a writer that asked first may commit last, so a reader past the higher number would never see the lower
-- one. Writers raise this row as their last step before commit and hold its lock until the commit is visible, so
-- numbers become visible in the order they were handed out (ArticleStore#nextChanges). On SQLite one writer at a time
-- holds the database anyway.
CREATE TABLE store_change_counter (
    counter_name VARCHAR(50) NOT NULL,
    last_seq     BIGINT      NOT NULL,
    CONSTRAINT store_change_counter_pk PRIMARY KEY (counter_name)
);
INSERT INTO store_change_counter (counter_name, last_seq)
SELECT 'article', COALESCE(MAX(change_seq), 0) FROM store_article;
