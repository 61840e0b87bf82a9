package org.pravah.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.pravah.config.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The article store: article documents in a relational database, with a revision per article and tombstones for
 * deletions. The embedded default is a SQLite file; with PostgreSQL any number of processes share one database, hear
 * about each other's writes through {@code NOTIFY} ({@link StoreChanges}) and elect one of them for once-per-cluster
 * work ({@link #clusterLock}).
 *
 * <p>A write returns only once it is durable: committed and, on the embedded store, synced to disk (SQLite in WAL
 * mode with {@code synchronous=FULL}), so an acknowledged write survives {@code kill -9} and power loss, and a crash
 * never leaves a file that does not open (SQLite replays or drops the log's tail at the next open). H2, the embedded
 * store before, lost acknowledged writes and corrupted its file after crashes (BENCHMARKS.md, "Durability").
 *
 * <p>Every write is one transaction that locks the article's row (PostgreSQL) or the database (SQLite) first, so
 * concurrent writers are serialised per article: each gets its own revision, and a {@link Precondition} is checked
 * against the revision it will replace. The schema is created and upgraded by Flyway migrations
 * ({@code db/store/V*.sql}) when the store opens.
 *
 * <p>Why one long class: it is the one place that speaks SQL to the store, so that every statement follows the same
 * transaction, lock and revision rules; the dialects differ in StoreDialect, batches are in BatchWrite,
 * notifications in StoreChanges.
 */
public final class ArticleStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleStore.class);
    /** The PostgreSQL channel that carries "an article changed" between processes. */
    static final String CHANNEL = "pravah_store_article";
    private static final int MAX_ATTEMPTS = 5;
    /** How long an embedded-store writer waits for the one before it; a queue of API writes, never seconds. */
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int IN_LIST = 200;

    private final StoreConfig config;
    private final StoreDialect dialect;
    private final HikariDataSource pool;
    /** This process's listeners for other processes' writes; they hear which sources a reload reads. */
    private final List<StoreChanges> watches = new CopyOnWriteArrayList<>();
    /** Tells this process's notifications from others', so it does not refresh twice for its own writes. */
    private final String processId = UUID.randomUUID().toString();

    /**
     * Whether rows carry change numbers: always once migrated; a store opened only to read may be of an earlier
     * schema, which is read whole.
     */
    private final boolean changeNumbers;

    private ArticleStore(StoreConfig config, HikariDataSource pool, boolean changeNumbers) {
        this.config = config;
        this.dialect = StoreDialect.of(config);
        this.pool = pool;
        this.changeNumbers = changeNumbers;
    }

    /** Connects, migrates the schema to the current version and returns the open store. */
    public static ArticleStore open(StoreConfig config) throws StoreException {
        Optional<Path> file = config.embeddedFile();
        if (file.isPresent()) {
            Path folder = file.get().toAbsolutePath().getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new StoreException("store: cannot create the data folder " + folder + ": " + e.getMessage(), e);
            }
        }
        HikariConfig hikari = poolSettings(config);
        if (file.isPresent()) {
            embeddedSettings().forEach(hikari::addDataSourceProperty);
        } else if (config.postgres()) {
            // a batch of inserts (the import's) goes as multi-row INSERTs instead of one statement per row
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource pool = pool(config, hikari);
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/store")
                    .table("store_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("store: cannot migrate the schema of " + config.displayUrl() + ": " + rootMessage(e), e);
        }
        ArticleStore store = new ArticleStore(config, pool, true);
        if (file.isPresent()) {
            try {
                H2StoreImport.importBeside(file.get(), store);
            } catch (StoreException e) {
                store.close();
                throw e;
            }
        }
        LOG.info("store: {} ready", config.displayUrl());
        return store;
    }

    /**
     * Opens the store only to read it, as {@code check} and {@code export} do, typically beside a server that has it
     * open: nothing is created, migrated, imported or written, and every connection is read-only. The embedded store
     * in WAL mode lets such readers go on while the server writes, each reading the last commit before its query.
     *
     * @return empty when the embedded store's file does not exist yet: no server has written to it, so it holds no
     *         article
     * @throws StoreException when the store cannot be read, also when an H2 store of an earlier version waits to be
     *                        imported (the server's next start does that; its articles are not in the new file yet)
     */
    public static Optional<ArticleStore> openToRead(StoreConfig config) throws StoreException {
        Optional<Path> file = config.embeddedFile();
        if (file.isPresent() && !Files.exists(file.get())) {
            Path h2File = H2StoreImport.h2FileBeside(file.get());
            if (Files.isRegularFile(h2File)) {
                throw new StoreException("store: " + h2File + " (the H2 store of an earlier version) is imported when"
                        + " the server next starts; until then its articles are not read");
            }
            return Optional.empty();
        }
        Properties readOnly = readOnlyProperties(config);
        // a file that is no database, or a schema not yet created, is said here in the store's words; the pool would
        // log its own error line first
        try (Connection c = DriverManager.getConnection(config.url(), readOnly);
             PreparedStatement probe = c.prepareStatement("SELECT 1 FROM store_article LIMIT 1");
             ResultSet rs = probe.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new StoreException("store: cannot read " + config.displayUrl() + ": " + e.getMessage(), e);
        }
        boolean changeNumbers;
        try (Connection c = DriverManager.getConnection(config.url(), readOnly);
             PreparedStatement probe = c.prepareStatement("SELECT change_seq FROM store_article LIMIT 1");
             ResultSet rs = probe.executeQuery()) {
            rs.next();
            changeNumbers = true;
        } catch (SQLException e) {
            // a store that no server of this version has opened yet: nothing here migrates it
            changeNumbers = false;
        }
        HikariConfig hikari = poolSettings(config);
        hikari.setReadOnly(true);
        hikari.setMinimumIdle(1);
        readOnly.stringPropertyNames().stream().filter(name -> !name.equals("user") && !name.equals("password"))
                .forEach(name -> hikari.addDataSourceProperty(name, readOnly.getProperty(name)));
        HikariDataSource pool = pool(config, hikari);
        LOG.debug("store: {} open to read", config.displayUrl());
        return Optional.of(new ArticleStore(config, pool, changeNumbers));
    }

    private static Properties readOnlyProperties(StoreConfig config) {
        Properties readOnly = connectionProperties(config);
        if (config.embeddedFile().isPresent()) {
            // sqlite-jdbc sets the flag only when it opens the file: SQLITE_OPEN_READONLY, without CREATE, so a file
            // that vanished meanwhile is not made anew either
            readOnly.setProperty("open_mode", "1");
            readOnly.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
        }
        return readOnly;
    }

    private static HikariConfig poolSettings(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("pravah-store");
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.pool());
        hikari.setMinimumIdle(Math.min(2, config.pool()));
        hikari.setConnectionTimeout(10_000);
        return hikari;
    }

    private static HikariDataSource pool(StoreConfig config, HikariConfig hikari) throws StoreException {
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("store: cannot open " + config.displayUrl() + ": " + rootMessage(e), e);
        }
    }

    /**
     * The embedded store's connection settings (sqlite-jdbc's names). WAL lets readers go on while one writer
     * commits; {@code synchronous=FULL} syncs the log at every commit, which is what makes an answered write survive
     * a power cut (NORMAL would survive only a process crash). An {@code IMMEDIATE} transaction takes the write lock
     * when it begins, so two writers never both read a revision and then collide on the write.
     */
    static Map<String, String> embeddedSettings() {
        return Map.of("journal_mode", "WAL", "synchronous", "FULL", "transaction_mode", "IMMEDIATE",
                "busy_timeout", Integer.toString(BUSY_TIMEOUT_MILLIS));
    }

    /** True when several processes may share this store (PostgreSQL). */
    public boolean shared() {
        return config.postgres();
    }

    public StoreConfig config() {
        return config;
    }

    /** This process's id in the cluster: new at every start, so each run writes shares of its own. */
    public String processId() {
        return processId;
    }

    StoreDialect dialect() {
        return dialect;
    }

    /** A pooled connection, for package work beyond single writes (the import of an earlier version's store). */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Closes a connection instead of returning it to the pool: one whose settings differ from the pool's (a
     * {@link BatchWrite}'s), which no other write may get.
     */
    void discard(Connection connection) {
        pool.evictConnection(connection);
    }

    /**
     * Creates or replaces an article; a tombstone comes back to life with the next revision.
     *
     * @param document the article as a JSON object, already checked
     */
    public StoreWrite put(String sourceName, String id, String document, Precondition precondition)
            throws StoreException {
        return write(sourceName, id, precondition, document);
    }

    /** What a batch write does with one article, given its row as the store has it now. */
    @FunctionalInterface
    public interface Decision {
        /**
         * Called inside the batch's transaction, with the row locked; again if the transaction is tried again.
         *
         * @param current the row, tombstones included; empty when the id was never written
         * @return the document to write, or empty to leave the article as it is
         */
        Optional<String> document(String id, Optional<StoredArticle> current);
    }

    /**
     * Writes many articles of one source in one transaction (the import command): each written article gets what
     * {@link #put} without a precondition would give it, and other processes get one notification for the batch.
     *
     * @param ids    each once
     * @return the articles written, in the order of {@code ids}; the others are as they were
     */
    public List<StoreWrite.Written> putAll(String sourceName, List<String> ids, Decision decide)
            throws StoreException {
        try (BatchWrite batches = batches(sourceName)) {
            List<StoreWrite.Written> written = batches.putAll(ids, decide);
            batches.durable();
            return written;
        }
    }

    /**
     * A session of many {@link #putAll} batches on one connection (the import command), durable only once
     * {@link BatchWrite#durable} returned.
     */
    public BatchWrite batches(String sourceName) throws StoreException {
        return new BatchWrite(this, sourceName);
    }

    /** Deletes an article, leaving a tombstone with the next revision. */
    public StoreWrite delete(String sourceName, String id, Precondition precondition) throws StoreException {
        return write(sourceName, id, precondition, null);
    }

    /** @param document null: delete */
    private StoreWrite write(String sourceName, String id, Precondition precondition, String document)
            throws StoreException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    StoreWrite result = writeOnce(c, sourceName, id, precondition, document);
                    if (result instanceof StoreWrite.Written written) {
                        notifyOthers(c, written.article());
                        c.commit();
                    } else {
                        c.rollback();
                    }
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt < MAX_ATTEMPTS && dialect.retryable(e)) {
                        LOG.debug("store: write of {}/{} raced another ({}); trying again", sourceName, id,
                                e.getSQLState());
                        continue;
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("write " + sourceName + "/" + id, e);
            }
        }
    }

    private StoreWrite writeOnce(Connection c, String sourceName, String id, Precondition precondition,
                                 String document) throws SQLException {
        Optional<StoredArticle> current = Optional.empty();
        try (PreparedStatement select = c.prepareStatement("SELECT source_name, article_id, revision, deleted,"
                + " document, created_at, updated_at FROM store_article WHERE source_name = ? AND article_id = ?"
                + dialect.lockingRead())) {
            select.setString(1, sourceName);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    current = Optional.of(row(rs, dialect));
                }
            }
        }
        boolean live = current.isPresent() && !current.get().deleted();
        if (!precondition.allows(live ? OptionalLong.of(current.get().revision()) : OptionalLong.empty())) {
            return new StoreWrite.PreconditionFailed(current);
        }
        if (document == null && !live) {
            return new StoreWrite.Missing(current);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long change = nextChanges(c, 1);
        if (current.isEmpty()) {
            StoredArticle created = new StoredArticle(sourceName, id, 1, false, document, now, now);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO store_article (source_name, article_id,"
                    + " revision, deleted, document, created_at, updated_at, change_seq)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, sourceName);
                insert.setString(2, id);
                insert.setLong(3, created.revision());
                insert.setBoolean(4, false);
                insert.setString(5, document);
                dialect.setInstant(insert, 6, now);
                dialect.setInstant(insert, 7, now);
                insert.setLong(8, change);
                insert.executeUpdate();
            }
            return new StoreWrite.Written(created, true);
        }
        StoredArticle before = current.get();
        boolean delete = document == null;
        StoredArticle after = new StoredArticle(sourceName, id, before.revision() + 1, delete,
                delete ? before.document() : document, live ? before.created() : now, now);
        try (PreparedStatement update = c.prepareStatement("UPDATE store_article SET revision = ?, deleted = ?,"
                + " document = ?, created_at = ?, updated_at = ?, change_seq = ?"
                + " WHERE source_name = ? AND article_id = ?")) {
            update.setLong(1, after.revision());
            update.setBoolean(2, after.deleted());
            update.setString(3, after.document());
            dialect.setInstant(update, 4, after.created());
            dialect.setInstant(update, 5, now);
            update.setLong(6, change);
            update.setString(7, sourceName);
            update.setString(8, id);
            update.executeUpdate();
        }
        return new StoreWrite.Written(after, !live);
    }

    /**
     * Hands out the next {@code count} change numbers; returns the last of them. The caller has locked the rows it
     * writes and commits soon after: the counter's row stays locked until then. That lock is what keeps numbers in
     * commit order on PostgreSQL. A writer waiting for it goes on only once the holder's commit is visible to every
     * new snapshot (PostgreSQL releases a transaction's locks after it marks it committed), so no reader can see a
     * number while a lower one is still to commit, and a reader that asks for numbers above the highest it applied
     * misses nothing. It costs no concurrency the store had: every write sends a NOTIFY, and PostgreSQL serialises
     * the commits of notifying transactions already. On SQLite one writer holds the database at a time.
     */
    static long nextChanges(Connection c, int count) throws SQLException {
        try (PreparedStatement raise = c.prepareStatement("UPDATE store_change_counter SET last_seq = last_seq + ?"
                + " WHERE counter_name = 'article'")) {
            raise.setLong(1, count);
            raise.executeUpdate();
        }
        try (PreparedStatement read = c.prepareStatement("SELECT last_seq FROM store_change_counter"
                + " WHERE counter_name = 'article'");
             ResultSet rs = read.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether {@link #changedSince} can tell what changed after a number (false: only a whole read, 0). */
    public boolean tracksChanges() {
        return changeNumbers;
    }

    /** What a visit of changed rows does with each (see {@link #changedSince}). */
    @FunctionalInterface
    public interface RowVisitor {
        void visit(StoredArticle row);
    }

    /**
     * Visits the rows of a source written after change number {@code after} (0: every row), in the order they were
     * written, tombstones included with an empty document. Each row is there once, as the store has it now, however
     * many writes it had since; all come from one snapshot of the store.
     *
     * @return the highest change number among the source's rows read, or {@code after} when none changed: what to
     *         pass as {@code after} next time
     */
    public long changedSince(String sourceName, long after, RowVisitor visit) throws StoreException {
        if (!changeNumbers && after != 0) {
            throw new IllegalStateException("a store of an earlier schema is only read whole");
        }
        try (Connection c = pool.getConnection()) {
            // PostgreSQL streams the rows by the fetch size only inside a transaction; otherwise a whole load of a
            // million rows would be held in memory at once before the first is visited. SQLite steps through the
            // rows of one statement anyway, and a transaction there would begin IMMEDIATE, taking the write lock.
            boolean transaction = dialect == StoreDialect.POSTGRES;
            if (transaction) {
                c.setAutoCommit(false);
            }
            long last = after;
            try (PreparedStatement select = c.prepareStatement("SELECT source_name, article_id, revision, deleted,"
                    + " CASE WHEN deleted THEN '' ELSE document END, created_at, updated_at, "
                    + (changeNumbers ? "change_seq FROM store_article WHERE source_name = ? AND change_seq > ?"
                            + " ORDER BY change_seq" : "0 FROM store_article WHERE source_name = ?"))) {
                select.setFetchSize(1000);
                select.setString(1, sourceName);
                if (changeNumbers) {
                    select.setLong(2, after);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        visit.visit(row(rs, dialect));
                        last = Math.max(last, rs.getLong(8));
                    }
                }
            } finally {
                if (transaction) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            return last;
        } catch (SQLException e) {
            throw failure("read the changes of source " + sourceName, e);
        }
    }

    /** PostgreSQL delivers the notification at commit, and only then: other processes never see an aborted write. */
    private void notifyOthers(Connection c, StoredArticle article) throws SQLException {
        notifyOthers(c, article.sourceName() + "/" + article.id() + " " + article.revision());
    }

    /** @param what for the log of whoever listens; listeners only tell their own process's notifications apart */
    void notifyOthers(Connection c, String what) throws SQLException {
        if (!shared()) {
            return;
        }
        try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, processId + " " + what);
            notify.execute();
        }
    }

    /** The article's row, tombstones included. */
    public Optional<StoredArticle> get(String sourceName, String id) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT source_name, article_id, revision, deleted,"
                     + " document, created_at, updated_at FROM store_article WHERE source_name = ? AND article_id = ?")) {
            select.setString(1, sourceName);
            select.setString(2, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, dialect)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read " + sourceName + "/" + id, e);
        }
    }

    /** The revision of every live article of a source: cheap, so a reload can fetch only what changed. */
    public Map<String, Long> liveRevisions(String sourceName) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT article_id, revision FROM store_article"
                     + " WHERE source_name = ? AND deleted = FALSE ORDER BY article_id")) {
            select.setString(1, sourceName);
            Map<String, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list source " + sourceName, e);
        }
    }

    /** The live rows of these ids (deleted or unknown ids are left out). */
    public List<StoredArticle> live(String sourceName, Collection<String> ids) throws StoreException {
        List<String> all = new ArrayList<>(ids);
        List<StoredArticle> out = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            for (int from = 0; from < all.size(); from += IN_LIST) {
                List<String> batch = all.subList(from, Math.min(all.size(), from + IN_LIST));
                String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
                try (PreparedStatement select = c.prepareStatement("SELECT source_name, article_id, revision,"
                        + " deleted, document, created_at, updated_at FROM store_article WHERE source_name = ?"
                        + " AND deleted = FALSE AND article_id IN (" + marks + ")")) {
                    select.setString(1, sourceName);
                    for (int i = 0; i < batch.size(); i++) {
                        select.setString(i + 2, batch.get(i));
                    }
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            out.add(row(rs, dialect));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("read source " + sourceName, e);
        }
        return out;
    }

    /**
     * A value that changes with every write to the store: each article write takes the next change number, and each
     * source state write adds one to its revision, so the sum only ever grows. Comparing it is the fallback for a
     * lost notification; it reads one row and the few source states, not the articles.
     */
    public long changeMark() throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT (SELECT last_seq FROM store_change_counter"
                     + " WHERE counter_name = 'article') + (SELECT COALESCE(SUM(revision), 0) FROM"
                     + " store_source_state)");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("read the change mark", e);
        }
    }

    /**
     * A source's own state if its revision is above {@code seen} (0: whatever is kept): one indexed read that
     * returns nothing while the state is unchanged, so every reload may ask.
     */
    public Optional<SourceState> sourceStateNewerThan(String sourceName, long seen) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT revision, document FROM store_source_state"
                     + " WHERE source_name = ? AND revision > ?")) {
            select.setString(1, sourceName);
            select.setLong(2, seen);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new SourceState(sourceName, rs.getLong(1), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the state of source " + sourceName, e);
        }
    }

    /**
     * Replaces a source's own state (the last write wins) and tells the other processes, like an article write.
     *
     * @return the state as written, with its new revision
     */
    public SourceState putSourceState(String sourceName, String document) throws StoreException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    SourceState written = putSourceStateOnce(c, dialect, sourceName, document);
                    notifyOthers(c, "state:" + sourceName + " " + written.revision());
                    c.commit();
                    return written;
                } catch (SQLException e) {
                    c.rollback();
                    if (attempt < MAX_ATTEMPTS && dialect.retryable(e)) {
                        continue;
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("write the state of source " + sourceName, e);
            }
        }
    }

    private static SourceState putSourceStateOnce(Connection c, StoreDialect dialect, String sourceName,
                                                  String document) throws SQLException {
        long revision = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT revision FROM store_source_state"
                + " WHERE source_name = ?" + dialect.lockingRead())) {
            select.setString(1, sourceName);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    revision = rs.getLong(1);
                }
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // a concurrent first insert fails on the primary key and is tried again as an update
        try (PreparedStatement write = c.prepareStatement(revision == 0
                ? "INSERT INTO store_source_state (revision, document, updated_at, source_name) VALUES (?, ?, ?, ?)"
                : "UPDATE store_source_state SET revision = ?, document = ?, updated_at = ? WHERE source_name = ?")) {
            write.setLong(1, revision + 1);
            write.setString(2, document);
            dialect.setInstant(write, 3, now);
            write.setString(4, sourceName);
            write.executeUpdate();
        }
        return new SourceState(sourceName, revision + 1, document);
    }

    /**
     * The secret of a day's poller hashes, the same for every process: the first to ask makes it, the others read it.
     *
     * @param fresh the secret to keep if none is kept yet
     */
    public String statsKey(String day, String fresh) throws StoreException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO store_stats_key (stats_day, secret)"
                    + " VALUES (?, ?) ON CONFLICT (stats_day) DO NOTHING")) {
                insert.setString(1, day);
                insert.setString(2, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT secret FROM store_stats_key"
                    + " WHERE stats_day = ?")) {
                select.setString(1, day);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        } catch (SQLException e) {
            throw failure("keep the statistics key of " + day, e);
        }
    }

    /** Replaces this process's share of a day's statistics. */
    public void putStatsShare(String day, String document) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement upsert = c.prepareStatement("INSERT INTO store_stats_share (process_id, stats_day,"
                     + " document, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (process_id, stats_day) DO UPDATE SET"
                     + " document = excluded.document, updated_at = excluded.updated_at")) {
            upsert.setString(1, processId);
            upsert.setString(2, day);
            upsert.setString(3, document);
            dialect.setInstant(upsert, 4, Instant.now().truncatedTo(ChronoUnit.MICROS));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("write the statistics of " + day, e);
        }
    }

    /** When each process last wrote its share of a day: cheap, so that only changed shares are read again. */
    public Map<String, Instant> statsShareTimes(String day) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT process_id, updated_at FROM store_stats_share"
                     + " WHERE stats_day = ?")) {
            select.setString(1, day);
            Map<String, Instant> out = new LinkedHashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), dialect.instant(rs, 2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list the statistics of " + day, e);
        }
    }

    /** One process's share of a day, if it wrote one. */
    public Optional<String> statsShare(String processId, String day) throws StoreException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT document FROM store_stats_share"
                     + " WHERE process_id = ? AND stats_day = ?")) {
            select.setString(1, processId);
            select.setString(2, day);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the statistics of " + day, e);
        }
    }

    /** Deletes the shares of days before {@code oldest} and the keys of days before {@code today}. */
    public void forgetStats(String oldest, String today) throws StoreException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement shares = c.prepareStatement("DELETE FROM store_stats_share WHERE stats_day < ?")) {
                shares.setString(1, oldest);
                shares.executeUpdate();
            }
            try (PreparedStatement keys = c.prepareStatement("DELETE FROM store_stats_key WHERE stats_day < ?")) {
                keys.setString(1, today);
                keys.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("delete old statistics", e);
        }
    }

    /**
     * A lock that one process of the cluster holds at a time, for work that must run once per cluster (polling an
     * upstream feed): PostgreSQL's session advisory lock on a connection of its own. The embedded store has one
     * process, which always holds it.
     */
    public ClusterLock clusterLock(String name) {
        return shared() ? new AdvisoryLock(this, name, lockKey(name)) : ClusterLock.SOLO;
    }

    /**
     * Listens for writes by other processes (another server of a cluster, the import command beside a server);
     * {@code changed} runs on the listener's thread.
     */
    public StoreChanges listen(Runnable changed) {
        return new StoreChanges(this, changed);
    }

    /**
     * Says that a store source is about to read its articles for a reload of the catalogue: what was committed until
     * now reaches the feeds by that reload, so this process's watch for other processes' commits (the embedded store's)
     * does not report it again. Sources read outside a reload (the API's list) must not call this.
     */
    public void readingSource(String sourceName) {
        watches.forEach(w -> w.sourceRead(sourceName));
    }

    void watching(StoreChanges watch) {
        watches.add(watch);
    }

    void notWatching(StoreChanges watch) {
        watches.remove(watch);
    }

    /** A connection outside the pool, for a session that lives as long as the process (LISTEN, advisory locks). */
    Connection dedicatedConnection() throws SQLException {
        return DriverManager.getConnection(config.url(), connectionProperties(config));
    }

    /** A read-only connection outside the pool, for the embedded store's watch for other processes' commits. */
    Connection dedicatedReadConnection() throws SQLException {
        return DriverManager.getConnection(config.url(), readOnlyProperties(config));
    }

    private static Properties connectionProperties(StoreConfig config) {
        Properties props = new Properties();
        if (!config.user().isEmpty()) {
            props.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            props.setProperty("password", config.password());
        }
        return props;
    }

    private static long lockKey(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("pravah:" + name).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static StoredArticle row(ResultSet rs, StoreDialect dialect) throws SQLException {
        return new StoredArticle(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getString(5),
                dialect.instant(rs, 6), dialect.instant(rs, 7));
    }

    StoreException failure(String what, SQLException e) {
        return new StoreException("store: cannot " + what + " (" + config.displayUrl() + "): " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
