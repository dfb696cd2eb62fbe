package lodestone.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A path copied from Windows Explorer into WSL's terminal ('C:\Users\me\Documents\magnet maker.yaml') was told 'no such
 * file' (or, for simulate, 'no bundled scenario of that name') with no word of where WSL keeps that file.
 */
class WindowsPathHintTest {
    @Test
    void aWindowsPathThatIsNoFileIsToldItsWslPath() {
        assertEquals(List.of("lodestone: 'C:\\Users\\me\\Documents\\magnet maker.yaml' is a Windows path; on Linux or WSL the file is"
                        + " '/mnt/c/Users/me/Documents/magnet maker.yaml' (Windows drives are under /mnt)"),
                Failures.windowsPaths(new String[]{"exposure", "C:\\Users\\me\\Documents\\magnet maker.yaml", "--csv", "out.csv"}));
        assertEquals(List.of("lodestone: 'd:/Data (2026)/e.csv' is a Windows path; on Linux or WSL the file is '/mnt/d/Data (2026)/e.csv'"
                        + " (Windows drives are under /mnt)"),
                Failures.windowsPaths(new String[]{"assess-file", "--out=x.csv", "d:/Data (2026)/e.csv"}));
        // an option's value given with '=' too
        assertEquals(1, Failures.windowsPaths(new String[]{"stockpile", "show", "--file=C:\\x\\l.yaml"}).size());
        assertEquals(List.of(), Failures.windowsPaths(new String[]{"assess-file", "/tmp/e.csv", "--out", "o.csv"}));
    }

    @Test
    void theHintFollowsTheCommandsOwnRefusal() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(3, Main.run("stockpile", "show", "--file", "C:\\Users\\me\\ledger.yaml"));
        } finally {
            System.setErr(old);
        }
        assertEquals("lodestone: C:\\Users\\me\\ledger.yaml: no such file\n"
                + "lodestone: 'C:\\Users\\me\\ledger.yaml' is a Windows path; on Linux or WSL the file is '/mnt/c/Users/me/ledger.yaml'"
                + " (Windows drives are under /mnt)\n", err.toString(StandardCharsets.UTF_8));
    }
}
