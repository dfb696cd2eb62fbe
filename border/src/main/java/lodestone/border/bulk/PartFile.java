package lodestone.border.bulk;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way an output is started beside its target ({@code .NAME.RANDOM.part}, in the target's directory) before it is
 * moved over it, used by bulk results and rejects here and by every output of the command line ({@code Replacement}): a
 * run stopped half-way never leaves a shorter file under the target's name. The part is a new, empty file created as any
 * new file is, so that the user's umask decides who may read it ({@code Files.createTempFile} makes it owner-only, and
 * forcing rw-r--r-- afterwards made a brokerage's duties readable by every user under umask 077); its random name is
 * never reused ({@code CREATE_NEW}, ten tries).
 */
public final class PartFile {
    private PartFile() {
    }

    /** A new empty part beside {@code target}; the target's directory must exist. */
    public static Path beside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            Path part = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return part;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) throw e;
            }
        }
    }
}
