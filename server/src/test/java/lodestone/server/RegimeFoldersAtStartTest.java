package lodestone.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator's mistake in {@code serve --regime-folder} is refused at start and before a database is started: two
 * folders with the same last name took ~15 s of embedded PostgreSQL start to be told, and a mistyped folder was offered
 * until an administrator tried to activate it.
 */
class RegimeFoldersAtStartTest {
    @TempDir
    Path tmp;

    private Server.Config config(Path dataDir, List<String> folders) {
        return new Server.Config("127.0.0.1", 0, dataDir, null, null, null, "bundled", 1 << 20, 64 * 1024, false,
                new PrintStream(new ByteArrayOutputStream()), folders);
    }

    private static Path regimeFolder(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("regime.yaml"), "id: x\n");
        return dir;
    }

    @Test
    void twoFoldersOfOneNameAreRefusedBeforeTheDatabaseStarts() throws Exception {
        Path a = regimeFolder(tmp.resolve("one/rules")), b = regimeFolder(tmp.resolve("two/rules"));
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> Server.start(config(data, List.of(a.toString(), b.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--regime-folder: " + a + " and " + b + " would both be named folder:rules; give folders with different last names");
        assertThat(data).as("no database was started").doesNotExist();
    }

    @Test
    void aFolderWithoutARegimeOrAPathThatIsNotThereIsRefusedAtStart() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> Server.start(config(data, List.of(empty.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--regime-folder: " + empty + " holds no regime.yaml; give a regime folder (holding regime.yaml) or a manifest");
        Path missing = tmp.resolve("no-such-folder");
        assertThatThrownBy(() -> Server.start(config(data, List.of(missing.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--regime-folder: " + missing + " is neither a folder nor a file; give a regime folder (holding regime.yaml) "
                        + "or a manifest");
        assertThat(data).doesNotExist();
    }

    @Test
    void aStartRegimeThatIsNotThereIsRefusedUnderItsOwnOption() {
        Path data = tmp.resolve("data");
        Path missing = tmp.resolve("no-such-regime");
        Server.Config cfg = config(data, List.of());
        Server.Config withRegime = new Server.Config(cfg.host(), 0, data, null, null, null, missing.toString(), 1 << 20, 64 * 1024,
                false, cfg.log(), List.of());
        assertThatThrownBy(() -> Server.start(withRegime)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--regime: " + missing + " is neither a folder nor a file; give a regime folder (holding regime.yaml) or a manifest");
        assertThat(data).doesNotExist();
    }
}
