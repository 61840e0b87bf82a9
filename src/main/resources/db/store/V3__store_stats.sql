-- Feed statistics of a cluster (see org.pravah.stats): each process writes its own share of a day, and readers sum
-- the shares, so no process counts another's polls. Only counts, sketches and client names; no address, no
-- User-Agent.
CREATE TABLE store_stats_share (
    process_id VARCHAR(64)  NOT NULL,
    -- the day in the site's time zone, ISO-8601 (2026-12-03), so that it sorts as text (DAY is a keyword in H2,
    -- which an earlier version's store was migrated with)
    stats_day  VARCHAR(10)  NOT NULL,
    document   TEXT         NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT store_stats_share_pk PRIMARY KEY (process_id, stats_day)
);
-- The day's key for poller hashes, the same for every process so that one reader polling two processes is one
-- reader; deleted once its day is over.
CREATE TABLE store_stats_key (
    stats_day  VARCHAR(10)  NOT NULL,
    secret     VARCHAR(100) NOT NULL,
    CONSTRAINT store_stats_key_pk PRIMARY KEY (stats_day)
);
