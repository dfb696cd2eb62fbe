package lodestone.store;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens and their roles. A token is {@code lst_} and 43 random URL-safe characters; only its
 * SHA-256 is stored, so a token is shown once, when it is made. Verified tokens are cached for a few
 * seconds; revoking one through this store takes effect at once.
 */
public final class Tokens {
    public enum Role {
        ANALYST, ADMIN;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Role parse(String s) {
            for (Role r : values()) if (r.key().equalsIgnoreCase(s == null ? "" : s.trim())) return r;
            throw new IllegalArgumentException("unknown role \"" + s + "\"; expected analyst or admin");
        }
    }

    /**
     * A token's record (never the token itself). {@code renewedAt} and {@code renewedBy}: when its secret was last renewed and
     * by whom (null if never).
     */
    public record Token(long id, String name, Role role, Instant createdAt, String createdBy, Instant revokedAt,
                        Instant renewedAt, String renewedBy) {
        public Token(long id, String name, Role role, Instant createdAt, String createdBy, Instant revokedAt) {
            this(id, name, role, createdAt, createdBy, revokedAt, null, null);
        }

        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A token just made: {@code secret} is shown once and never stored. */
    public record Issued(Token token, String secret) { }

    private static final SecureRandom RANDOM = new SecureRandom();
    static final long CACHE_NANOS = 5_000_000_000L;

    private record Cached(Token token, long until) { }

    private final DataSource ds;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Tokens(DataSource ds) {
        this.ds = ds;
    }

    public Issued create(String name, Role role, String createdBy) {
        return create(name, role, createdBy, secret -> { });
    }

    /**
     * A new token whose secret is handed to {@code keep} before the token is stored: the secret is kept somewhere (the
     * server's first administrator token: {@code DATA_DIR/admin-token}) before it can work, so that no token is stored that
     * nobody was given — a process killed between the two leaves at worst a kept secret that never worked.
     */
    public Issued create(String name, Role role, String createdBy, java.util.function.Consumer<String> keep) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a token needs a name (who or what uses it)");
        String secret = newSecret();
        keep.accept(secret);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into api_token (name, role, token_hash, created_by) values (?, ?, ?, ?) returning id, created_at")) {
            ps.setString(1, name.trim());
            ps.setString(2, role.key());
            ps.setString(3, hash(secret));
            ps.setString(4, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Issued(new Token(rs.getLong(1), name.trim(), role, rs.getTimestamp(2).toInstant(), createdBy, null), secret);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store the new token: " + e.getMessage(), e);
        }
    }

    private static String newSecret() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return "lst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * Gives an active token a new secret, returned here only: the token's id, name, role and everything it owns (jobs, runs,
     * what-ifs, ledger records) stay; the old secret stops working at once and the token's web sessions end (a session opened
     * with a leaked secret must not outlive it). Empty when there is no active token with that id.
     */
    public Optional<Issued> renew(long id, String renewedBy) {
        if (renewedBy == null || renewedBy.isBlank()) throw new IllegalArgumentException("a renewal names who renews");
        String secret = newSecret();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Token> t;
                try (PreparedStatement ps = c.prepareStatement("update api_token set token_hash = ?, renewed_at = now(), renewed_by = ? "
                        + "where id = ? and revoked_at is null returning *")) {
                    ps.setString(1, hash(secret));
                    ps.setString(2, renewedBy);
                    ps.setLong(3, id);
                    t = read(ps);
                }
                if (t.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement ps = c.prepareStatement("update web_session set ended_at = now() where token_id = ? and ended_at is null")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(new Issued(t.get(0), secret));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                cache.clear(); // the old secret and the token's sessions are looked up again, and found no more
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot renew token " + id + ": " + e.getMessage(), e);
        }
    }

    /** The active token with this secret, if any. */
    public Optional<Token> verify(String secret) {
        if (secret == null || !secret.startsWith("lst_") || secret.length() > 100) return Optional.empty();
        String h = hash(secret);
        return cached(h, () -> query("select * from api_token where token_hash = ? and revoked_at is null", h));
    }

    /** The token a cache key stands for: from the cache for a few seconds after a hit, else looked up (a miss is not kept). */
    private Optional<Token> cached(String key, java.util.function.Supplier<List<Token>> lookup) {
        Cached hit = cache.get(key);
        long now = System.nanoTime();
        if (hit != null && hit.until - now > 0) return Optional.of(hit.token);
        Optional<Token> t = lookup.get().stream().findFirst();
        t.ifPresentOrElse(tok -> {
            sweep(now);
            if (cache.size() < MAX_CACHED) cache.put(key, new Cached(tok, now + CACHE_NANOS));
        }, () -> cache.remove(key));
        return t;
    }

    /** At most this many entries are cached (a burst of new sessions beyond it is looked up each time until the next sweep). */
    static final int MAX_CACHED = 100_000;
    private volatile long nextSweep = System.nanoTime() + CACHE_NANOS;

    /**
     * Drops the entries past their time, at most once every {@link #CACHE_NANOS} (or when the cache is full). An entry used to
     * leave only when its own secret was looked up again and missed: each web session ever used stayed for good, so signing in
     * and making one call, in a loop, grew the server's memory without bound.
     */
    private void sweep(long now) {
        if (now - nextSweep < 0 && cache.size() < MAX_CACHED) return;
        nextSweep = now + CACHE_NANOS;
        cache.values().removeIf(c -> c.until - now <= 0);
    }

    /** How many verified tokens and sessions the cache holds now (tests). */
    int cached() {
        return cache.size();
    }

    /** A web session just opened: {@code secret} goes into the browser's cookie and is never stored. */
    public record Session(String secret, Token token, Instant expiresAt) { }

    /**
     * Opens a web session for an active token, valid for {@code lifetime}: a new random secret ({@code lss_} and
     * 43 URL-safe characters) of which only the SHA-256 is stored. The browser holds the session's secret, never
     * the token, so signing out ({@link #endSession}) ends what a copied cookie could do.
     */
    public Session openSession(Token token, java.time.Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) throw new IllegalArgumentException("a session's lifetime must be positive");
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "lss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into web_session (session_hash, token_id, expires_at) "
                     + "values (?, ?, now() + ? * interval '1 second') returning expires_at")) {
            ps.setString(1, hash(secret));
            ps.setLong(2, token.id());
            ps.setLong(3, lifetime.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Session(secret, token, rs.getTimestamp(1).toInstant());
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the session: " + e.getMessage(), e);
        }
    }

    /**
     * The token of an open session with this secret: not ended, not expired, its token not revoked. Cached for a few
     * seconds like tokens; ending a session or revoking a token through this store takes effect at once.
     */
    public Optional<Token> verifySession(String secret) {
        if (secret == null || !secret.startsWith("lss_") || secret.length() > 100) return Optional.empty();
        String h = hash(secret);
        return cached("session:" + h, () -> query("select t.* from web_session s join api_token t on t.id = s.token_id "
                + "where s.session_hash = ? and s.ended_at is null and s.expires_at > now() and t.revoked_at is null", h));
    }

    /** Ends the session with this secret; false when there is no open session with it. */
    public boolean endSession(String secret) {
        if (secret == null || !secret.startsWith("lss_") || secret.length() > 100) return false;
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("update web_session set ended_at = now() where session_hash = ? and ended_at is null")) {
            ps.setString(1, hash(secret));
            boolean done = ps.executeUpdate() == 1;
            cache.remove("session:" + hash(secret));
            return done;
        } catch (SQLException e) {
            throw new StoreException("cannot end the session: " + e.getMessage(), e);
        }
    }

    /** Every token, the oldest first. */
    public List<Token> list() {
        return query("select * from api_token order by id", null);
    }

    /**
     * A page of the tokens, newest first by (created_at, id), strictly before {@code before} (null: from the newest);
     * at most {@code limit} (1 to 1001).
     */
    public List<Token> page(int limit, Keyset before) {
        Keyset.Query q = Keyset.page("api_token", "created_at", null, List.of(), null, before, Math.max(1, Math.min(limit, 1001)));
        try (Connection c = ds.getConnection(); PreparedStatement ps = q.bind(c.prepareStatement(q.sql()))) {
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read the tokens: " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from api_token");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the tokens: " + e.getMessage(), e);
        }
    }

    /** Revokes a token; false when there is no active token with that id. */
    public boolean revoke(long id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("update api_token set revoked_at = now() where id = ? and revoked_at is null")) {
            ps.setLong(1, id);
            boolean done = ps.executeUpdate() == 1;
            cache.clear();
            return done;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke token " + id + ": " + e.getMessage(), e);
        }
    }

    private List<Token> query(String sql, String arg) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read the tokens: " + e.getMessage(), e);
        }
    }

    private static List<Token> read(PreparedStatement ps) throws SQLException {
        List<Token> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                java.sql.Timestamp rev = rs.getTimestamp("revoked_at");
                java.sql.Timestamp ren = rs.getTimestamp("renewed_at");
                out.add(new Token(rs.getLong("id"), rs.getString("name"), Role.parse(rs.getString("role")),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"), rev == null ? null : rev.toInstant(),
                        ren == null ? null : ren.toInstant(), rs.getString("renewed_by")));
            }
        }
        return out;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
