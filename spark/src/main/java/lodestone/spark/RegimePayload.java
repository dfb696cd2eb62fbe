package lodestone.spark;

import lodestone.border.Assessor;
import lodestone.border.origin.OriginRules;
import lodestone.border.origin.PreferenceOriginVerifier;
import lodestone.regime.Regime;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.io.RegimeSource;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A regime as the bytes of its files, so that a Spark job can broadcast it and every executor compiles
 * the same regime, whether or not the executor can see the folder the driver read it from.
 *
 * <p>On the driver, {@link #of(String)} loads the regime named as on the command line (bundled,
 * bundled:NAME, a folder or a manifest file) through a source that records every file read, and reads
 * the rules-of-origin file of each agreement that has one, since the assessor reads those lazily. On an
 * executor, {@link #assessor()} loads the regime from the recorded files and compiles the assessor once
 * per JVM (cached by the payload's SHA-256), exactly as the command line does.
 */
public final class RegimePayload implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Assessor> COMPILED = new ConcurrentHashMap<>();

    private final String manifest;
    private final TreeMap<String, String> files;
    private final String describe;
    private final String sha256;

    private RegimePayload(String manifest, TreeMap<String, String> files, String describe) {
        this.manifest = manifest;
        this.files = files;
        this.describe = describe;
        this.sha256 = digest(manifest, files);
    }

    /** Loads (and validates) the regime named by {@code spec} on the driver and records its files. */
    public static RegimePayload of(String spec) {
        RegimeSource base;
        String manifest = "regime.yaml";
        if (spec == null || spec.equals("bundled")) {
            base = RegimeSource.bundled();
        } else if (spec.startsWith("bundled:")) {
            base = RegimeSource.bundled();
            manifest = "regime-" + spec.substring(8) + ".yaml";
            if (base.read(manifest) == null) {
                throw new IllegalArgumentException("no bundled regime '" + spec + "'; expected bundled or bundled:plurilateral");
            }
        } else {
            Path p = Path.of(spec).toAbsolutePath();
            if (Files.isRegularFile(p)) {
                base = RegimeSource.directory(p.getParent());
                manifest = p.getFileName().toString();
            } else if (Files.isDirectory(p)) {
                base = RegimeSource.directory(p);
            } else {
                throw new IllegalArgumentException("no regime at " + spec + ": expected bundled, bundled:NAME, a folder "
                        + "holding regime.yaml, or a manifest file");
            }
        }
        Recording rec = new Recording(base);
        Regime regime = Regime.load(rec, manifest);
        for (Agreement a : regime.agreements()) {
            rec.read(OriginRules.FOLDER + a.id() + ".yaml"); // recorded when present; absent files stay absent
        }
        return new RegimePayload(manifest, rec.seen, base.describe());
    }

    private static final Map<String, Regime> LOADED = new ConcurrentHashMap<>();

    /** The regime loaded from these files, once per JVM. */
    public Regime regime() {
        return LOADED.computeIfAbsent(sha256, k -> Regime.load(source(), manifest));
    }

    /** The assessor compiled from these files, once per JVM; what {@code lodestone assess-file} would use. */
    public Assessor assessor() {
        return COMPILED.computeIfAbsent(sha256, k -> PreferenceOriginVerifier.assessorFor(regime()));
    }

    /** The number of bytes broadcast (the regime's files as UTF-8). */
    public long bytes() {
        long n = 0;
        for (String v : files.values()) n += v.getBytes(StandardCharsets.UTF_8).length;
        return n;
    }

    public int fileCount() {
        return files.size();
    }

    public String sha256() {
        return sha256;
    }

    private RegimeSource source() {
        return new RegimeSource() {
            @Override
            public String read(String rel) {
                return files.get(rel);
            }

            @Override
            public String describe() {
                return describe;
            }

            @Override
            public String displayPath(String rel) {
                return rel;
            }
        };
    }

    /** Records the text of every file the loader reads (null results are not files and are not kept). */
    private static final class Recording implements RegimeSource {
        final RegimeSource base;
        final TreeMap<String, String> seen = new TreeMap<>();

        Recording(RegimeSource base) {
            this.base = base;
        }

        @Override
        public String read(String rel) {
            String t = base.read(rel);
            if (t != null) seen.put(rel, t);
            return t;
        }

        @Override
        public String describe() {
            return base.describe();
        }

        @Override
        public String displayPath(String rel) {
            return base.displayPath(rel);
        }
    }

    private static String digest(String manifest, TreeMap<String, String> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(manifest.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : files.entrySet()) {
                md.update((byte) 0);
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
