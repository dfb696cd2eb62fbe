package lodestone.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The name a request gives its file (a bulk or compare upload's {@code ?name=}, a project, ledger or company file's):
 * only a label — for the job's list, the problems' locations and a download's name — never a path the server opens.
 * Letters, marks and digits of every script are kept (a Guatemalan's "envíos-añil.csv", a Japanese "輸入申告.csv", an
 * Egyptian's "شحنات 2026.csv"), as are '.', '_', '-' and space; anything else — markup, folder separators, control and
 * bidirectional-formatting characters (U+202E shows "gpj.exe" as "exe.jpg") — becomes '_'. The name is put in NFC first,
 * so that a decomposed name (macOS writes é as e and a combining accent) is the same label as its composed form, and
 * cut at 120 characters, never inside one.
 */
final class FileLabel {
    static final int MAX = 120;

    private FileLabel() {
    }

    /** The label of a given name; {@code dflt} when none is given or it is blank. */
    static String of(String given, String dflt) {
        if (given == null || given.isBlank()) return dflt;
        String nfc = Normalizer.normalize(given.strip(), Normalizer.Form.NFC);
        String safe = nfc.replaceAll("[^\\p{L}\\p{M}\\p{Nd}._ -]", "_");
        int cps = safe.codePointCount(0, safe.length());
        return cps <= MAX ? safe : safe.substring(0, safe.offsetByCodePoints(0, MAX));
    }

    /**
     * A download's Content-Disposition for a file of this name (a label, above): an ASCII name as {@code filename="…"} alone;
     * any other with an ASCII stand-in (each other character '_') and the name itself as RFC 6266's {@code filename*} in UTF-8,
     * which browsers and {@code curl -OJ} prefer — a header's value is ASCII, and the name as raw UTF-8 would reach a client
     * as Latin-1 mojibake.
     */
    static String attachment(String name) {
        if (name.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\')) return "attachment; filename=\"" + name + "\"";
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
