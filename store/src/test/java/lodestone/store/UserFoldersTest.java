package lodestone.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's user's folders in a locked-down container (the small-machine review of 2026-12-06): a read-only root, a data
 * volume, a user whose home is {@code /nonexistent} or who has no entry in the password database at all.
 */
class UserFoldersTest {

    @Test
    void anOperatorsHomeIsUsedThoughThePasswordDatabaseSaysAnother() {
        // reported: HOME=/data was ignored for the passwd entry's /nonexistent (the JVM's user.home), so the server still
        // said "the server's user needs a home it can write"
        UserFolders u = UserFolders.of(Map.of("HOME", "/data"), "/nonexistent", "app");
        assertThat(u.home()).contains(Path.of("/data"));
        assertThat(u.dataDirectory()).isEqualTo(Path.of("/data/.lodestone"));
        assertThat(u.cacheDirectory()).isEqualTo(Path.of("/data/.cache"));
    }

    @Test
    void theCacheIsXdgCacheHomeWhenSet() {
        UserFolders u = UserFolders.of(Map.of("HOME", "/home/app", "XDG_CACHE_HOME", "/data/cache"), "/home/app", "app");
        assertThat(u.cacheDirectory()).isEqualTo(Path.of("/data/cache"));
        assertThat(u.dataDirectory()).isEqualTo(Path.of("/home/app/.lodestone"));
        assertThat(UserFolders.of(Map.of(), "/home/app", "app").cacheDirectory()).isEqualTo(Path.of("/home/app/.cache"));
    }

    @Test
    void aUserWithoutAHomeIsToldToPassADataDirectoryNotGivenAFolderNamedQuestionMark() {
        // reported: `docker run --user 12345` (no passwd entry, no HOME): user.home is "?", and serve made ./?/.lodestone in the
        // working directory, or on a read-only root said "cannot create the data directory ?/.lodestone/postgres: /app/?: Read-only
        // file system (choose another with --data-dir)"
        UserFolders u = UserFolders.of(Map.of(), "?", "?");
        assertThat(u.home()).isEmpty();
        assertThat(u.known()).isFalse();
        assertThatThrownBy(u::dataDirectory).isInstanceOf(StoreException.class).hasMessage("this user has no home directory (HOME is not"
                + " set, and the user id has no entry in the password database), so there is no default data directory: pass --data-dir"
                + " DIR, a directory this user can write");
        assertThatThrownBy(u::cacheDirectory).isInstanceOf(StoreException.class).hasMessage("this user has no home directory (HOME is"
                + " not set) and no XDG_CACHE_HOME, so there is nowhere to unpack the embedded PostgreSQL's programs (about 60 MB): set"
                + " XDG_CACHE_HOME=DIR, a directory this user can write and no other user can (in a container, one on the data volume)");
        assertThat(UserFolders.of(Map.of("XDG_CACHE_HOME", "/data/cache"), "?", "?").cacheDirectory()).isEqualTo(Path.of("/data/cache"));
    }

    @Test
    void onlyAbsolutePathsCount() {
        UserFolders u = UserFolders.of(Map.of("HOME", "relative", "XDG_CACHE_HOME", ""), "/home/app", "app");
        assertThat(u.home()).contains(Path.of("/home/app"));
        assertThat(u.cache()).contains(Path.of("/home/app/.cache"));
        assertThat(UserFolders.of(Map.of("HOME", ""), "?", "app").home()).isEqualTo(Optional.empty());
    }

    @Test
    void aUserIdThePasswordDatabaseDoesNotKnowIsRefusedBeforePostgresIsStarted() {
        // reported: as uid 12345 without a passwd entry the start failed with "Process [/…/bin/initdb, -A, trust, -U, postgres,
        // -D, /srv/d/postgres, -E, UTF-8] failed — another data directory can be given with --data-dir" (initdb's own words,
        // "could not look up effective user ID 12345: user does not exist", only in postgres.log)
        EmbeddedDatabase.requireKnownUser(UserFolders.of(Map.of(), "/home/app", "app"));
        assertThatThrownBy(() -> EmbeddedDatabase.requireKnownUser(UserFolders.of(Map.of("HOME", "/data"), "/data", "?")))
                .isInstanceOf(StoreException.class)
                .hasMessageMatching("the embedded PostgreSQL cannot run as this user \\(id \\d+\\): the user id has no entry in the system's"
                        + " password database \\(/etc/passwd\\), and PostgreSQL's programs refuse to run without one\\. Run the server as a"
                        + " user the system knows \\(in a container image: add one, e\\.g\\. useradd, and run as it\\), or use an existing"
                        + " PostgreSQL server with --db-url");
    }
}
