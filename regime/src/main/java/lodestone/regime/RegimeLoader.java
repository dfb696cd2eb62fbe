package lodestone.regime;

import lodestone.regime.measure.StackingRule;
import lodestone.regime.agreement.Agreement;
import lodestone.regime.agreement.Commitment;
import lodestone.regime.agreement.Deadline;
import lodestone.regime.agreement.Source;
import lodestone.regime.geo.Country;
import lodestone.regime.geo.CountryGroup;
import lodestone.regime.geo.Geography;
import lodestone.regime.geo.Membership;
import lodestone.regime.geo.PreferenceProgram;
import lodestone.regime.io.CsvTable;
import lodestone.regime.io.RegimeSource;
import lodestone.regime.io.YNode;
import lodestone.regime.measure.Action;
import lodestone.regime.measure.Condition;
import lodestone.regime.measure.DutyExpression;
import lodestone.regime.measure.LegalBase;
import lodestone.regime.measure.LowValueWaiver;
import lodestone.regime.measure.Measure;
import lodestone.regime.measure.MeasureType;
import lodestone.regime.measure.OriginScope;
import lodestone.regime.measure.Price;
import lodestone.regime.measure.ProductScope;
import lodestone.regime.measure.RateBounds;
import lodestone.regime.measure.Test;
import lodestone.regime.measure.ValueBasis;
import lodestone.regime.mineral.Commodity;
import lodestone.regime.mineral.ContentBasis;
import lodestone.regime.mineral.Mineral;
import lodestone.regime.mineral.MineralProduct;
import lodestone.regime.mineral.Minerals;
import lodestone.regime.nomenclature.BaseRate;
import lodestone.regime.nomenclature.HsCode;
import lodestone.regime.nomenclature.HtsLine;
import lodestone.regime.nomenclature.Nomenclature;
import lodestone.regime.nomenclature.RateColumn;
import lodestone.regime.unit.Units;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a regime from its manifest ({@code regime.yaml}) and the files it names, validates every
 * field and every cross-reference, and either returns a complete {@link Regime} or throws a
 * {@link RegimeInvalidException} listing every problem — a bad regime never half-loads.
 * See docs/regime-format.md for the formats.
 */
final class RegimeLoader {
    static final String MANIFEST = "regime.yaml";

    private final RegimeSource src;
    private final Problems problems = new Problems();
    private final Map<String, DutyExpression> expressionCache = new HashMap<>();

    private Nomenclature hts;
    private final Map<String, HsCode> hs = new HashMap<>();
    private final List<Country> countries = new ArrayList<>();
    private final Map<String, CountryGroup> groups = new LinkedHashMap<>();
    private final List<PreferenceProgram> programs = new ArrayList<>();
    private final List<Mineral> mineralList = new ArrayList<>();
    private final List<ContentBasis> bases = new ArrayList<>();
    private final List<Commodity> commodities = new ArrayList<>();
    private final List<Agreement> agreements = new ArrayList<>();
    private final List<Measure> measures = new ArrayList<>();
    private final Map<String, EntityList> lists = new LinkedHashMap<>();
    private final Map<String, lodestone.regime.geo.Region> regions = new LinkedHashMap<>();
    private final Map<String, lodestone.regime.measure.EndUse> endUses = new LinkedHashMap<>();
    private FxRates fx = FxRates.empty();
    private Geography geography;

    private final String manifest;

    private RegimeLoader(RegimeSource src, String manifest) {
        this.src = src;
        this.manifest = manifest;
    }

    /**
     * The source the regime of {@code manifest} reads its later files from (rules of origin): its folder, then the
     * folders of the manifests it extends — without loading the regime (a broken manifest is reported when it loads).
     */
    static RegimeSource layeredSource(RegimeSource src, String manifest) {
        RegimeLoader l = new RegimeLoader(src, manifest);
        l.readManifest(manifest, new LinkedHashMap<>(), new java.util.LinkedHashSet<>());
        return l.manifestDirs.isEmpty() ? src : l.layered();
    }

    static Regime load(RegimeSource src) {
        return new RegimeLoader(src, MANIFEST).run();
    }

    /** Loads the regime described by another manifest of the same folder (e.g. an illustrative extension). */
    static Regime load(RegimeSource src, String manifest) {
        return new RegimeLoader(src, manifest).run();
    }

    private Regime run() {
        Map<String, List<String>> files = new LinkedHashMap<>();
        String[] meta = readManifest(manifest, files, new java.util.LinkedHashSet<>());
        if (meta == null) {
            problems.throwIfAny("regime " + src.describe());
            throw new IllegalStateException("unreachable");
        }
        readNomenclature(first(files, "nomenclature"), first(files, "base-rates"));
        ifPresent(files, "hs", this::readHs);
        ifPresent(files, "countries", this::readCountries);
        readGroups(files.getOrDefault("groups", List.of()), files.getOrDefault("group-members", List.of()));
        ifPresent(files, "programs", this::readPrograms);
        geography = new Geography(countries, groups.values(), programs);
        ifPresent(files, "minerals-list", this::readMineralList);
        ifPresent(files, "minerals", this::readMinerals);
        for (String f : files.getOrDefault("agreements", List.of())) readAgreements(f);
        checkBuildsOn();
        for (String f : files.getOrDefault("lists", List.of())) readEntityList(f);
        for (String f : files.getOrDefault("regions", List.of())) readRegions(f);
        for (String f : files.getOrDefault("end-uses", List.of())) readEndUses(f);
        ifPresent(files, "fx-rates", this::readFx);
        for (String f : files.getOrDefault("measures", List.of())) readMeasures(f);
        checkDisplaces();
        for (String f : files.getOrDefault("stacking", List.of())) readStacking(f);
        checkStacking();

        String ratesFile = first(files, "base-rates");
        new RegimeValidator(ratesFile == null ? null : display(ratesFile), problems, hts, geography, mineralList, bases, commodities, agreements, measures, lists,
                fx).validate();
        problems.throwIfAny("regime " + src.describe());
        String fp = java.util.HexFormat.of().formatHex(digest.digest());
        return new Regime(layered(), fp, meta[0], meta[1], meta[2], src.describe() + (manifest.equals(MANIFEST) ? "" : " (" + manifest + ")"),
                hts, hs, geography, new Minerals(mineralList, bases, commodities), agreements, measures, lists, fx, horizon,
                List.copyOf(regions.values()), List.copyOf(endUses.values()), stacking);
    }

    /** Keys whose value is one file; the others take a list, and an extending manifest appends to them. */
    private static final Set<String> SINGLE = Set.of("nomenclature", "base-rates", "hs", "countries", "programs",
            "minerals-list", "minerals", "fx-rates");

    /**
     * Reads a manifest (and, first, the manifest it extends) into the file lists; returns id, title,
     * version, or null when the manifest is unusable. {@code name} is a file key (see {@link #resolve}): the
     * files a manifest names, and the manifest it extends, are relative to that manifest's own folder, so
     * a manifest in an analyst's folder may extend {@code bundled} (or {@code bundled:NAME}) or a manifest
     * of another folder and the base's files are still read where the base is.
     */
    private String[] readManifest(String name, Map<String, List<String>> files, Set<String> visiting) {
        String text = read(name);
        if (text == null && unreadable.containsKey(name)) {
            problems.add(display(name), 0, "", "cannot be read: " + unreadable.get(name));
            return null;
        }
        if (text == null) {
            problems.add(display(name), 0, "", "no regime manifest here; expected a file " + name.substring(name.lastIndexOf('/') + 1)
                    + " naming the regime's files (see docs/regime-format.md)");
            return null;
        }
        fingerprint(name, text);
        YNode m = YNode.parse(display(name), text, problems);
        if (m == null || !m.requireMap()) return null;
        m.allowOnly("id", "title", "version", "description", "illustrative", "extends", "files", "horizon");
        String base = m.optStr("extends", null);
        String dir = dirOf(name);
        manifestDirs.add(dir);
        if (base != null) {
            String baseKey;
            if (base.equals("bundled")) {
                baseKey = BUNDLED + MANIFEST;
            } else if (base.startsWith("bundled:")) {
                baseKey = BUNDLED + "regime-" + base.substring(8) + ".yaml";
            } else {
                baseKey = resolve(dir, base);
            }
            if (!visiting.add(baseKey) || baseKey.equals(name)) {
                m.problem("extends", "manifests extend each other in a cycle through " + base);
                return null;
            }
            if (read(baseKey) == null) {
                m.problem("extends", "no manifest '" + base + "' (looked for " + display(baseKey) + "); expected bundled, "
                        + "bundled:plurilateral, or the path of a manifest relative to this one's folder");
                return null;
            }
            if (readManifest(baseKey, files, visiting) == null) return null;
        }
        String id = m.str("id");
        if (m.has("horizon")) horizon = readHorizon(m.field("horizon")); // an extending manifest may restate it
        YNode f = m.field("files");
        if (f.requireMap()) {
            f.allowOnly("nomenclature", "base-rates", "hs", "countries", "group-members", "groups", "programs",
                    "minerals-list", "minerals", "agreements", "measures", "lists", "fx-rates", "regions", "end-uses",
                    "stacking");
            for (String key : f.keys()) {
                List<String> vals = new ArrayList<>();
                for (String v : f.strList(key)) {
                    String k = resolve(dir, v);
                    vals.add(k);
                    namedIn.putIfAbsent(k, new Named(display(name), f.field(key).line(), "files." + key));
                    folderOf.putIfAbsent(k, dir);
                }
                if (SINGLE.contains(key)) {
                    if (vals.size() != 1) f.problem(key, "expected one file");
                    files.put(key, vals);
                } else {
                    files.computeIfAbsent(key, k -> new ArrayList<>()).addAll(vals);
                }
            }
        }
        return new String[]{id, m.optStr("title", id), m.optStr("version", "")};
    }

    /** The key prefix of a file of the regime bundled in the jar (read from {@link RegimeSource#bundled()}). */
    private static final String BUNDLED = "<bundled>/";

    /** Where a file is named (a manifest's files entry, a measure's include-file): a file that is missing is said there. */
    private record Named(String file, int line, String field) { }

    /** Each file key: where it was named (for "file not found") and that manifest's folder (for its include-files). */
    private final Map<String, Named> namedIn = new HashMap<>();
    /** Files that exist by name but cannot be read (a name too long for the file system, a name with a NUL), with why. */
    private final Map<String, String> unreadable = new HashMap<>();
    private final Map<String, String> folderOf = new HashMap<>();
    /** The folders of the manifests read, the loaded one first: where files named later (rules of origin) are looked for. */
    private final List<String> manifestDirs = new ArrayList<>();

    /** The folder part of a file key, with its trailing '/' ("" for the source's root). */
    private static String dirOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash + 1);
    }

    /**
     * The key of the file {@code rel} named by a file in folder {@code dir}: relative paths are joined and
     * {@code .}/{@code ..} folded; an absolute path stays as given (outside the bundled regime).
     */
    /** Whether a path is absolute on this system; a name no path can have (a NUL) is not, and is refused when it is read. */
    private static boolean isAbsolute(String rel) {
        try {
            return java.nio.file.Path.of(rel).isAbsolute();
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    static String resolve(String dir, String rel) {
        boolean bundled = dir.startsWith(BUNDLED);
        if (!bundled && (rel.startsWith("/") || isAbsolute(rel))) return rel;
        String joined = (bundled ? dir.substring(BUNDLED.length()) : dir) + rel;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) parts.removeLast();
            else parts.addLast(part);
        }
        return (bundled ? BUNDLED : joined.startsWith("/") ? "/" : "") + String.join("/", parts);
    }

    /** A file's text by its key, or null when it does not exist. */
    private String read(String key) {
        try {
            return key.startsWith(BUNDLED) ? RegimeSource.bundled().read(key.substring(BUNDLED.length())) : src.read(key);
        } catch (java.io.UncheckedIOException | java.nio.file.InvalidPathException e) {
            // a name the file system cannot take (too long, a NUL): a problem of the file that names it, not a crash
            String why = e instanceof java.nio.file.InvalidPathException i ? i.getReason()
                    : e.getCause() instanceof lodestone.regime.io.UserText.NotUtf8 n ? n.getMessage()
                    : e.getCause() instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName();
            unreadable.put(key, why);
            return null;
        }
    }

    /** SHA-256 over every file the regime is loaded from, name and text, in the order read: {@link Regime#fingerprint}. */
    private final java.security.MessageDigest digest = sha256();

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fingerprint(String key, String text) {
        digest.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    /**
     * The source the loaded regime reads later files from (the rules of origin of its agreements): the
     * loaded manifest's folder first, then the folder of each manifest it extends.
     */
    private RegimeSource layered() {
        if (manifestDirs.size() == 1 && manifestDirs.get(0).isEmpty()) return src;
        List<String> dirs = List.copyOf(manifestDirs);
        return new RegimeSource() {
            @Override
            public String read(String rel) {
                for (String d : dirs) {
                    String t = RegimeLoader.this.read(resolve(d, rel));
                    if (t != null) return t;
                }
                return null;
            }

            @Override
            public String describe() {
                return src.describe();
            }

            @Override
            public String displayPath(String rel) {
                for (String d : dirs) {
                    String k = resolve(d, rel);
                    if (RegimeLoader.this.read(k) != null) return display(k);
                }
                return display(resolve(dirs.get(0), rel));
            }
        };
    }

    private Horizon horizon = Horizon.NONE;

    /**
     * The manifest's horizon: {@code checked-through} (required), {@code covers-from},
     * {@code fx-max-age-days} and {@code sources} (each with id, title, date and an optional note).
     */
    private Horizon readHorizon(YNode h) {
        if (!h.requireMap()) return Horizon.NONE;
        h.allowOnly("covers-from", "checked-through", "fx-max-age-days", "sources", "known-gaps", "de-minimis");
        LocalDate through = h.date("checked-through", true);
        LocalDate from = h.date("covers-from", false);
        if (through != null && from != null && from.isAfter(through)) {
            h.problem("covers-from", "covers-from " + from + " is after checked-through " + through);
        }
        int age = 0;
        BigDecimal a = h.decimal("fx-max-age-days", false);
        if (a != null) {
            if (a.signum() <= 0 || a.stripTrailingZeros().scale() > 0 || a.compareTo(BigDecimal.valueOf(3660)) > 0) {
                h.field("fx-max-age-days").problem("'" + a.toPlainString() + "' is not a whole number of days from 1 to 3660");
            } else {
                age = a.intValueExact();
            }
        }
        List<Horizon.Source> sources = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        YNode list = h.field("sources");
        if (!list.isMissing()) {
            for (YNode s : list.items()) {
                if (!s.requireMap()) continue;
                s.allowOnly("id", "title", "date", "note");
                String sid = s.str("id");
                LocalDate d = s.date("date", true);
                if (sid != null && !ids.add(sid)) s.problem("id", "source '" + sid + "' is listed twice");
                sources.add(new Horizon.Source(sid, s.str("title"), d, s.optStr("note", null)));
            }
        }
        List<Horizon.Gap> gaps = knownGaps(h.field("known-gaps"));
        DeMinimis deMinimis = deMinimis(h.field("de-minimis"));
        if (through == null) return Horizon.NONE;
        return new Horizon(from, through, age, sources, gaps, deMinimis);
    }

    /**
     * {@code de-minimis: {at-most-usd: 800.00, legal-base: "19 U.S.C. 1321(a)(2)(C)", ended: [{origins: [CN, HK], from:
     * 2025-05-02, source: "EO 14256 ..."}, {from: 2025-08-29, source: "EO 14324 ..."}]}}: Section 321, not modelled, and the
     * dates it ended (no origins: every origin); each end names its source. Null when absent or wrong (said where).
     */
    private DeMinimis deMinimis(YNode d) {
        if (d.isMissing() || !d.requireMap()) return null;
        d.allowOnly("at-most-usd", "legal-base", "ended");
        BigDecimal atMost = d.decimal("at-most-usd", true);
        if (atMost != null && atMost.signum() <= 0) {
            d.field("at-most-usd").problem("'" + atMost.toPlainString() + "' is not an amount above 0 (US dollars, e.g. 800.00)");
            atMost = null;
        }
        String legal = d.str("legal-base");
        List<DeMinimis.End> ends = new ArrayList<>();
        boolean ok = atMost != null && legal != null;
        Set<String> named = new HashSet<>();
        boolean everyOrigin = false;
        for (YNode e : d.field("ended").items()) {
            if (!e.requireMap()) {
                ok = false;
                continue;
            }
            e.allowOnly("origins", "from", "source");
            List<String> origins = new ArrayList<>();
            for (String o : e.strList("origins")) {
                if (!o.matches("[A-Z]{2}")) {
                    e.problem("origins", "'" + o + "' is not a country code; expected ISO 3166 alpha-2 such as CN");
                    ok = false;
                } else if (!named.add(o)) {
                    e.problem("origins", o + " is named by an earlier end; an origin's end is given once");
                    ok = false;
                } else {
                    origins.add(o);
                }
            }
            if (origins.isEmpty() && e.strList("origins").isEmpty()) {
                if (everyOrigin) {
                    e.problem("origins", "a second end for every origin; give the origins it names");
                    ok = false;
                }
                everyOrigin = true;
            }
            LocalDate from = e.date("from", true);
            String source = e.str("source");
            if (from == null || source == null) ok = false;
            else if (atMost != null && legal != null) ends.add(new DeMinimis.End(origins, from, source, atMost, legal));
        }
        return ok ? new DeMinimis(atMost, legal, ends) : null;
    }

    /** The longest {@code line-warning:} of a known gap: a sentence a results file carries on each line the gap touches. */
    static final int LINE_WARNING_MAX = 260;

    /** {@code known-gaps: [{id, what, line-warning, codes: [7208, ...], origins: [RU], from, to}]}: what the regime knows it lacks. */
    private List<Horizon.Gap> knownGaps(YNode list) {
        List<Horizon.Gap> gaps = new ArrayList<>();
        if (list.isMissing()) return gaps;
        Set<String> ids = new HashSet<>();
        for (YNode g : list.items()) {
            if (!g.requireMap()) continue;
            g.allowOnly("id", "what", "line-warning", "codes", "origins", "from", "to");
            String gid = g.str("id");
            String what = g.str("what");
            // what a line it bears on says, when the whole note is long: one sentence, shorter than the note
            String line = g.optStr("line-warning", null);
            if (line != null && (line.isBlank() || line.length() > LINE_WARNING_MAX))
                g.problem("line-warning", "a line's warning of " + line.strip().length() + " characters; expected one sentence of 1 to "
                        + LINE_WARNING_MAX + " (the whole note is what:)");
            else if (line != null && what != null && line.length() >= what.length())
                g.problem("line-warning", "a line's warning as long as the whole note (" + line.length() + " characters, what: has "
                        + what.length() + "); leave it out and lines say the note");
            if (gid != null && !ids.add(gid)) g.problem("id", "gap '" + gid + "' is listed twice");
            List<String> codes = new ArrayList<>();
            for (String c : g.strList("codes")) {
                String d = Nomenclature.digitsOf(c);
                if (d == null) g.problem("codes", "'" + c + "' is not an HTS code; expected digits such as 7208 or 8479.89");
                else codes.add(d);
            }
            List<String> origins = new ArrayList<>();
            for (String o : g.strList("origins")) {
                if (o.matches("[A-Z]{2}")) origins.add(o);
                else g.problem("origins", "'" + o + "' is not a country code; expected ISO 3166 alpha-2 such as RU");
            }
            LocalDate gf = g.date("from", false);
            LocalDate gt = g.date("to", false);
            if (gf != null && gt != null && gt.isBefore(gf)) g.problem("to", "to " + gt + " is before from " + gf);
            if (gid != null && what != null) gaps.add(new Horizon.Gap(gid, what, line, codes, origins, gf, gt));
        }
        return gaps;
    }

    private static String first(Map<String, List<String>> files, String key) {
        List<String> l = files.get(key);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    private interface FileReader {
        void read(String file);
    }

    private static void ifPresent(Map<String, List<String>> files, String key, FileReader reader) {
        String f = first(files, key);
        if (f != null) reader.read(f);
    }

    private String text(String key) {
        String t = read(key);
        if (t != null) fingerprint(key, t);
        if (t == null) {
            // said where the file is named (reported: "countries.csv: file not found (named in regime.yaml)", at no line)
            Named at = namedIn.get(key);
            String why = unreadable.get(key);
            String what = why == null ? "file not found: " + display(key) : "cannot read " + display(key) + ": " + why;
            if (at != null) problems.add(at.file(), at.line(), at.field(), what);
            else problems.add(display(key), 0, "", why == null ? "file not found (named in " + display(manifest) + ")" : "cannot be read: " + why);
        }
        return t;
    }

    private String display(String key) {
        if (key.startsWith(BUNDLED)) return RegimeSource.bundled().displayPath(key.substring(BUNDLED.length()));
        String d = src.displayPath(key);
        return key.contains("..") ? java.nio.file.Path.of(d).normalize().toString() : d;
    }

    // ------------------------------------------------------------------ nomenclature

    private void readNomenclature(String file, String ratesFile) {
        List<HtsLine> lines = new ArrayList<>();
        Map<Integer, List<BaseRate>> rates = new HashMap<>();
        if (file == null) {
            hts = new Nomenclature(lines, rates);
            return;
        }
        String t = text(file);
        if (t == null) {
            hts = new Nomenclature(lines, rates);
            return;
        }
        // the parent of a line is the nearest earlier line with a smaller indent
        int[] lastAtIndent = new int[32];
        java.util.Arrays.fill(lastAtIndent, -1);
        Set<String> seen = new HashSet<>();
        new CsvTable(display(file), t, problems).forEach(List.of("code", "indent", "description", "units"), row -> {
            String code = row.get("code");
            String digits = "";
            if (!code.isEmpty()) {
                digits = Nomenclature.digitsOf(code);
                if (digits == null || !(digits.length() == 4 || digits.length() == 6 || digits.length() == 8
                        || digits.length() == 10)) {
                    row.problem("code", "'" + code + "' is not an HTS code; expected 4, 6, 8 or 10 digits such as 2846.90.80");
                    return;
                }
                if (!seen.add(digits)) {
                    row.problem("code", "duplicate code " + code);
                    return;
                }
            }
            int indent;
            try {
                indent = Integer.parseInt(row.get("indent"));
                if (indent < 0 || indent >= lastAtIndent.length) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                row.problem("indent", "'" + row.get("indent") + "' is not an indentation level; expected 0 to 31");
                return;
            }
            int parent = -1;
            for (int k = indent - 1; k >= 0; k--) {
                if (lastAtIndent[k] >= 0) {
                    parent = lastAtIndent[k];
                    break;
                }
            }
            if (digits.length() == 4) parent = -1; // a heading starts a new tree whatever its printed indent
            int index = lines.size();
            lastAtIndent[indent] = index;
            for (int k = indent + 1; k < lastAtIndent.length; k++) lastAtIndent[k] = -1;
            String units = row.get("units");
            List<String> unitList = units.isEmpty() ? List.of() : List.of(units.split(";"));
            lines.add(new HtsLine(index, digits.isEmpty() ? "" : Nomenclature.dotted(digits), digits, indent,
                    row.get("description"), unitList, parent, false));
        });
        // declarable = coded with no coded descendant (descendants follow with a deeper indent)
        List<HtsLine> withLeaves = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            HtsLine l = lines.get(i);
            boolean leaf = l.coded();
            if (leaf) {
                for (int k = i + 1; k < lines.size() && isBelow(lines, k, i); k++) {
                    if (lines.get(k).coded()) {
                        leaf = false;
                        break;
                    }
                }
            }
            withLeaves.add(new HtsLine(l.index(), l.code(), l.digits(), l.indent(), l.description(), l.units(),
                    l.parent(), leaf));
        }
        Map<String, Integer> indexByDigits = new HashMap<>();
        for (HtsLine l : withLeaves) if (l.coded()) indexByDigits.put(l.digits(), l.index());
        if (ratesFile != null) readBaseRates(ratesFile, indexByDigits, rates);
        hts = new Nomenclature(withLeaves, rates);
    }

    /** Is line k inside the subtree of line i (walking k's parents)? */
    private static boolean isBelow(List<HtsLine> lines, int k, int i) {
        for (int p = lines.get(k).parent(); p >= 0; p = lines.get(p).parent()) {
            if (p == i) return true;
            if (p < i) return false;
        }
        return false;
    }

    private void readBaseRates(String file, Map<String, Integer> indexByDigits, Map<Integer, List<BaseRate>> rates) {
        String t = text(file);
        if (t == null) return;
        new CsvTable(display(file), t, problems).forEach(List.of("code", "column", "programs", "expression", "source_text"), row -> {
            String digits = Nomenclature.digitsOf(row.get("code"));
            Integer idx = digits == null ? null : indexByDigits.get(digits);
            if (idx == null) {
                row.problem("code", "unknown code '" + row.get("code") + "'; expected a code of the nomenclature");
                return;
            }
            RateColumn col;
            try {
                col = RateColumn.valueOf(row.get("column").toUpperCase());
            } catch (IllegalArgumentException e) {
                row.problem("column", "'" + row.get("column") + "' is not a rate column; expected general, special or column2");
                return;
            }
            Set<String> progs = programSets.computeIfAbsent(row.get("programs"), text -> { // a few hundred lists, shared
                Set<String> s = new LinkedHashSet<>();
                for (String p : text.split(";")) if (!p.isBlank()) s.add(p.trim());
                return java.util.Collections.unmodifiableSet(s);
            });
            if (col == RateColumn.SPECIAL && progs.isEmpty()) {
                row.problem("programs", "a special rate needs the program indicators it applies to, e.g. P;P+");
            }
            String expr = row.get("expression");
            DutyExpression e = null;
            if (!expr.equals("unmodelled")) {
                e = expression(expr, row::problem, "expression");
                if (e == null) return;
            }
            rates.computeIfAbsent(idx, k -> new ArrayList<>()).add(new BaseRate(col, progs, e, row.get("source_text")));
        });
    }

    private final Map<String, Set<String>> programSets = new HashMap<>();

    private interface Reporter {
        void problem(String field, String message);
    }

    /** Parses an expression (cached: the schedule repeats the same few hundred texts). */
    private DutyExpression expression(String text, Reporter r, String field) {
        DutyExpression e = expressionCache.get(text);
        if (e != null) return e;
        try {
            e = DutyExpression.parse(text);
        } catch (IllegalArgumentException ex) {
            r.problem(field, "unparseable rate: " + ex.getMessage()
                    + "; expected e.g. 'free', '5.5%', '0.128 USD/kg of Mo + 1.8%'");
            return null;
        }
        String absurd = RateBounds.checkDuty(e);
        if (absurd != null) {
            r.problem(field, absurd + " (docs/regime-format.md, Bounds on rates)");
            return null;
        }
        expressionCache.put(text, e);
        return e;
    }

    private void readHs(String file) {
        String t = text(file);
        if (t == null) return;
        new CsvTable(display(file), t, problems).forEach(List.of("code", "level", "description", "parent"), row -> {
            String code = row.get("code");
            if (!code.matches("\\d{2}|\\d{4}|\\d{6}")) {
                row.problem("code", "'" + code + "' is not an HS code; expected 2, 4 or 6 digits");
                return;
            }
            hs.put(code, new HsCode(code, code.length(), row.get("description"), row.get("parent")));
        });
    }

    // ------------------------------------------------------------------ geography

    private void readCountries(String file) {
        String t = text(file);
        if (t == null) return;
        Set<String> seen = new HashSet<>();
        new CsvTable(display(file), t, problems).forEach(List.of("alpha2", "alpha3", "numeric", "name", "currency"), row -> {
            String a2 = row.get("alpha2");
            if (!a2.matches("[A-Z]{2}")) {
                row.problem("alpha2", "'" + a2 + "' is not an ISO 3166 alpha-2 code; expected two capital letters");
                return;
            }
            if (!seen.add(a2)) {
                row.problem("alpha2", "duplicate country " + a2);
                return;
            }
            countries.add(new Country(a2, row.get("alpha3"), row.get("numeric"), row.get("name"), row.get("currency")));
        });
    }

    private record MemberRow(String country, LocalDate from, LocalDate to, String source, String file, int line) { }

    private void readGroups(List<String> groupsFiles, List<String> membersFiles) {
        Map<String, List<MemberRow>> rows = new LinkedHashMap<>();
        Map<String, int[]> firstLine = new HashMap<>();
        for (String membersFile : membersFiles) {
            String t = text(membersFile);
            if (t != null) {
                new CsvTable(display(membersFile), t, problems).forEach(List.of("group", "country", "from", "to", "source"), row -> {
                    LocalDate from = date(row, "from");
                    LocalDate to = date(row, "to");
                    rows.computeIfAbsent(row.get("group"), k -> new ArrayList<>())
                            .add(new MemberRow(row.get("country"), from, to, row.get("source"), row.file(), row.line()));
                    firstLine.putIfAbsent(row.get("group"), new int[]{row.line()});
                });
            }
        }
        Map<String, List<Membership>> inline = new HashMap<>();
        Map<String, List<String[]>> inlineWhere = new HashMap<>(); // each inline membership's file, line and path
        Map<String, String[]> defs = new LinkedHashMap<>();
        Map<String, LocalDate> since = new HashMap<>();
        Map<String, YNode> defNodes = new HashMap<>();
        for (String groupsFile : groupsFiles) {
            String t = text(groupsFile);
            YNode root = t == null ? null : YNode.parse(display(groupsFile), t, problems);
            if (root != null && root.requireMap()) {
                root.allowOnly("groups");
                for (YNode g : root.field("groups").items()) {
                    if (!g.requireMap()) continue;
                    g.allowOnly("id", "name", "description", "since", "source", "members");
                    String gid = g.str("id");
                    if (gid == null) continue;
                    if (defs.containsKey(gid)) {
                        YNode first = defNodes.get(gid);
                        // the row the first member written here would be: its country and from date, or placeholders
                        YNode fm = g.field("members").items().stream().filter(YNode::isMap).findFirst().orElse(null);
                        String firstMember = (fm == null ? "CC" : fm.optStr("country", "CC")) + ","
                                + (fm == null ? "yyyy-mm-dd" : fm.optStr("from", "yyyy-mm-dd"));
                        g.problem("id", "duplicate group " + gid + " (defined at " + (first == null ? "an earlier file"
                                : first.file().equals(g.file()) ? "line " + first.line() : first.file() + ":" + first.line())
                                + "); expected a new group id — a country joins a group of the regime this one extends by a row of a "
                                + "group-members file (group,country,from,to,source: " + gid + "," + firstMember + ",,…)");
                        continue;
                    }
                    defs.put(gid, new String[]{g.optStr("name", gid), g.optStr("description", ""), g.optStr("source", "")});
                    since.put(gid, g.date("since", false));
                    defNodes.put(gid, g);
                    List<Membership> ms = new ArrayList<>();
                    List<String[]> where = new ArrayList<>();
                    for (YNode mn : g.field("members").items()) {
                        if (!mn.requireMap()) continue;
                        mn.allowOnly("country", "from", "to", "source");
                        String c = mn.str("country");
                        LocalDate from = mn.date("from", false);
                        if (from == null) from = g.date("since", false);
                        LocalDate to = mn.date("to", false);
                        if (from != null && to != null && to.isBefore(from)) {
                            mn.problem("to", "end " + to + " is before start " + from + "; expected to ≥ from");
                        }
                        if (c != null) {
                            if (geographyCountry(c) == null) mn.problem("country", "unknown country '" + c + "'; expected an ISO 3166 alpha-2 code");
                            ms.add(new Membership(c, new Validity(from, to), mn.optStr("source", g.optStr("source", ""))));
                            where.add(new String[]{mn.file(), String.valueOf(mn.line()), mn.path()});
                        }
                    }
                    inline.put(gid, ms);
                    inlineWhere.put(gid, where);
                }
            }
        }
        for (Map.Entry<String, List<MemberRow>> e : rows.entrySet()) {
            if (!defs.containsKey(e.getKey())) {
                MemberRow r = e.getValue().get(0);
                problems.add(r.file, r.line, "group", "unknown group '" + e.getKey() + "'; define it in the groups file"
                        + (defs.isEmpty() ? "" : " (known: " + String.join(", ", defs.keySet()) + ")"));
            }
        }
        for (Map.Entry<String, String[]> d : defs.entrySet()) {
            String gid = d.getKey();
            List<Membership> ms = new ArrayList<>(inline.getOrDefault(gid, List.of()));
            List<String[]> where = new ArrayList<>(inlineWhere.getOrDefault(gid, List.of()));
            Set<String> overridden = new HashSet<>();
            for (Membership m : ms) overridden.add(m.country());
            for (MemberRow r : rows.getOrDefault(gid, List.of())) {
                if (geographyCountry(r.country) == null) {
                    problems.add(r.file, r.line, "country", "unknown country '" + r.country + "'; expected an ISO 3166 alpha-2 code");
                    continue;
                }
                if (overridden.contains(r.country)) { // dated membership given in the groups file wins
                    if (r.from != null || r.to != null) { // ... so a row's own dates would be dropped without a word
                        problems.add(r.file, r.line, r.from != null ? "from" : "to", r.country + " is listed as a member of " + gid
                                + " in the groups file, whose dates are used, so this row's dates would be ignored; expected the "
                                + "window in the groups file (a country may be listed there more than once)");
                    }
                    continue;
                }
                LocalDate from = r.from != null ? r.from : since.get(gid);
                if (from != null && r.to != null && r.to.isBefore(from)) {
                    problems.add(r.file, r.line, "to", "end " + r.to + " is before start " + from + "; expected to ≥ from");
                }
                ms.add(new Membership(r.country, new Validity(from, r.to), r.source));
                where.add(new String[]{r.file, String.valueOf(r.line), "country"});
            }
            // a country's windows in one group must not overlap: the group's members and the changes `regime diff`
            // lists would say it joined while it was a member (and left while another window kept it in)
            for (int i = 0; i < ms.size(); i++) {
                for (int j = 0; j < i; j++) {
                    Membership a = ms.get(j);
                    Membership b = ms.get(i);
                    if (a.country().equals(b.country()) && a.validity().overlaps(b.validity())) {
                        String[] w = where.get(i);
                        String[] first = where.get(j);
                        problems.add(w[0], Integer.parseInt(w[1]), w[2], b.country() + " is already a member of " + gid + " "
                                + a.validity() + " (" + (first[0].equals(w[0]) ? "line " + first[1] : first[0] + ":" + first[1]) + "); this window "
                                + b.validity() + " overlaps it; expected one window per period of membership");
                    }
                }
            }
            if (ms.isEmpty()) defNodes.get(gid).problem("members", "group " + gid + " has no members");
            groups.put(gid, new CountryGroup(gid, d.getValue()[0], d.getValue()[1], ms, d.getValue()[2]));
        }
    }

    private Country geographyCountry(String code) {
        if (countries.isEmpty()) return new Country(code, "", "", code, ""); // no country table: accept
        for (Country c : countries) if (c.alpha2().equals(code)) return c;
        return null;
    }

    private static LocalDate date(CsvTable.Row row, String col) {
        String v = row.get(col);
        if (v.isEmpty()) return null;
        try {
            return LocalDate.parse(v);
        } catch (RuntimeException e) {
            row.problem(col, lodestone.regime.io.YNode.notADate(v));
            return null;
        }
    }

    private void readPrograms(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("programs");
        Set<String> seen = new HashSet<>();
        for (YNode p : root.field("programs").items()) {
            if (!p.requireMap()) continue;
            p.allowOnly("code", "name", "group", "countries", "exclude", "agreement", "valid", "source");
            String code = p.str("code");
            if (code == null) continue;
            if (!seen.add(code)) {
                p.problem("code", "duplicate program " + code);
                continue;
            }
            String group = p.optStr("group", null);
            if (group != null && !groups.containsKey(group)) {
                p.problem("group", "unknown group '" + group + "'");
            }
            for (String c : p.strList("countries")) {
                if (geographyCountry(c) == null) p.problem("countries", "unknown country '" + c + "'");
            }
            programs.add(new PreferenceProgram(code, p.optStr("name", code), group, Set.copyOf(p.strList("countries")),
                    Set.copyOf(p.strList("exclude")), p.optStr("agreement", null), validity(p.field("valid")),
                    p.optStr("source", "")));
        }
    }

    private Validity validity(YNode v) {
        if (v.isMissing()) return Validity.ALWAYS;
        if (!v.requireMap()) return Validity.ALWAYS;
        v.allowOnly("from", "to");
        LocalDate from = v.date("from", false);
        LocalDate to = v.date("to", false);
        if (from != null && to != null && to.isBefore(from)) {
            v.problem("to", "end " + to + " is before start " + from + "; expected an end on or after the start");
        }
        return new Validity(from, to);
    }

    // ------------------------------------------------------------------ minerals

    private void readMineralList(String file) {
        String t = text(file);
        if (t == null) return;
        new CsvTable(display(file), t, problems).forEach(List.of("id", "name", "symbol", "family", "on_2022_list",
                "new_in_2025", "basis_for_addition"), row -> mineralList.add(new Mineral(row.get("id"), row.get("name"),
                row.get("symbol"), row.get("family"), row.get("on_2022_list").equals("Y"),
                row.get("new_in_2025").equals("Y"), row.get("basis_for_addition"),
                row.has("in_2025_draft_list") && !row.get("in_2025_draft_list").isBlank() ? row.get("in_2025_draft_list").equals("Y") : null,
                row.has("note") && !row.get("note").isBlank() ? row.get("note") : null)));
    }

    /** A content basis's {@code converts-to: [{basis: W, mass-fraction: 0.79297, note: "..."}]}. */
    private final List<Map.Entry<YNode, String>> conversionTargets = new ArrayList<>();

    private List<ContentBasis.Conversion> conversions(YNode b) {
        List<ContentBasis.Conversion> out = new ArrayList<>();
        if (!b.has("converts-to")) return out;
        for (YNode c : b.field("converts-to").items()) {
            if (!c.requireMap()) continue;
            c.allowOnly("basis", "mass-fraction", "note");
            String to = c.str("basis");
            BigDecimal f = c.decimal("mass-fraction", true);
            if (to == null || f == null) continue;
            conversionTargets.add(Map.entry(c.field("basis"), to));
            if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
                c.field("mass-fraction").problem("'" + f.toPlainString() + "' is not a mass fraction; expected a number above 0 and at most 1");
                continue;
            }
            out.add(new ContentBasis.Conversion(to, f, c.optStr("note", null)));
        }
        return out;
    }

    private void readMinerals(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("content-bases", "commodities");
        Set<String> known = new HashSet<>();
        for (Mineral m : mineralList) known.add(m.id());
        Set<String> baseIds = new HashSet<>();
        for (YNode b : root.field("content-bases").items()) {
            if (!b.requireMap()) continue;
            b.allowOnly("id", "name", "unit", "description", "converts-to");
            String id = b.str("id");
            String unit = b.str("unit");
            if (id == null || unit == null) continue;
            if (!baseIds.add(id)) {
                b.problem("id", "duplicate content basis " + id);
                continue;
            }
            var u = Units.find(unit);
            if (u.isEmpty()) {
                b.problem("unit", "unknown unit '" + unit + "'; expected one of " + Units.codes());
                continue;
            }
            if (u.get().dimension() != lodestone.regime.unit.Dimension.MASS) {
                b.problem("unit", "unconvertible unit '" + unit + "' for a content basis; expected a mass unit such as kg or mtu");
                continue;
            }
            bases.add(new ContentBasis(id, b.optStr("name", id), u.get(), b.optStr("description", ""), conversions(b)));
        }
        for (var target : conversionTargets) {
            if (!baseIds.contains(target.getValue())) {
                target.getKey().problem("unknown content basis '" + target.getValue() + "'; expected a basis of content-bases");
            }
        }
        Set<String> commodityIds = new HashSet<>();
        for (YNode c : root.field("commodities").items()) {
            if (!c.requireMap()) continue;
            c.allowOnly("id", "name", "minerals", "products", "note", "source");
            String id = c.str("id");
            if (id == null) continue;
            if (!commodityIds.add(id)) c.problem("id", "duplicate commodity " + id);
            List<String> ms = c.strList("minerals");
            for (String m : ms) {
                if (!known.isEmpty() && !known.contains(m)) {
                    c.problem("minerals", "unknown mineral '" + m + "'; expected a mineral of the critical-minerals list");
                }
            }
            List<MineralProduct> products = new ArrayList<>();
            Set<String> productIds = new HashSet<>();
            for (YNode p : c.field("products").items()) {
                if (!p.requireMap()) continue;
                p.allowOnly("id", "name", "stage", "hts", "content-basis", "note", "source");
                String pid = p.str("id");
                if (pid != null && !productIds.add(pid)) p.problem("id", "duplicate product " + pid);
                MineralProduct.Stage stage = p.enumValue("stage", MineralProduct.Stage.class, null);
                String basis = p.optStr("content-basis", null);
                if (basis != null && !baseIds.contains(basis)) {
                    p.problem("content-basis", "unknown content basis '" + basis + "'; expected one of " + String.join(", ", baseIds));
                }
                List<String> codes = p.strList("hts");
                for (String code : codes) {
                    String d = Nomenclature.digitsOf(code);
                    if (d == null || hts == null || !hts.hasPrefix(d)) {
                        p.problem("hts", "unknown code '" + code + "'; expected a code of the nomenclature");
                    }
                }
                products.add(new MineralProduct(pid, p.optStr("name", pid), stage, codes, basis, p.optStr("note", null),
                        source(p.field("source"))));
            }
            commodities.add(new Commodity(id, c.optStr("name", id), ms, products));
        }
    }

    // ------------------------------------------------------------------ agreements

    private Source source(YNode s) {
        if (s.isMissing()) return null;
        if (s.isScalar()) return new Source(s.text(), null, null);
        if (!s.requireMap()) return null;
        s.allowOnly("title", "url", "date", "note");
        return new Source(s.str("title"), s.optStr("url", null), s.date("date", false));
    }

    private void readAgreements(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("agreements");
        for (YNode a : root.field("agreements").items()) {
            if (!a.requireMap()) continue;
            a.allowOnly("id", "name", "short-name", "kind", "status", "illustrative", "parties", "builds-on", "dates",
                    "deadlines", "commitments", "sources", "note");
            String id = a.str("id");
            if (id == null) continue;
            YNode first = agreementNodes.putIfAbsent(id, a);
            if (first != null) {
                a.problem("id", "duplicate agreement " + id + " (also at " + (first.file().equals(a.file()) ? "line " + first.line()
                        : first.file() + ":" + first.line()) + ")");
                continue;
            }
            Agreement.Kind kind = a.enumValue("kind", Agreement.Kind.class, null);
            Agreement.Status status = a.enumValue("status", Agreement.Status.class, null);
            boolean illustrative = a.bool("illustrative", false);
            if (illustrative != (status == Agreement.Status.ILLUSTRATIVE)) {
                a.problem("illustrative", "an illustrative agreement must have status illustrative, and only it");
            }
            List<String> parties = a.strList("parties");
            for (String p : parties) checkGeoToken(a, "parties", p);
            Map<String, LocalDate> dates = new LinkedHashMap<>();
            YNode dn = a.field("dates");
            if (!dn.isMissing() && dn.requireMap()) {
                dn.allowOnly(Agreement.DATE_KEYS.toArray(new String[0]));
                for (String k : dn.keys()) {
                    LocalDate d = dn.date(k, false);
                    if (d != null) dates.put(k, d);
                }
            }
            List<Deadline> deadlines = new ArrayList<>();
            for (YNode d : a.field("deadlines").items()) {
                if (!d.requireMap()) continue;
                d.allowOnly("id", "what", "due", "after", "status", "source", "note");
                LocalDate due = d.date("due", false);
                String event = null;
                Integer days = null;
                YNode after = d.field("after");
                if (!after.isMissing() && after.requireMap()) {
                    after.allowOnly("event", "days");
                    event = after.str("event");
                    BigDecimal n = after.decimal("days", true);
                    // whole days within ten years: read as an int, 60.5 was 60 and 1e10 wrapped around, without a word
                    if (n != null && (n.signum() < 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(3660)) > 0)) {
                        after.problem("days", "expected a whole number of days from 0 to 3660, found " + n.toPlainString());
                        n = null;
                    }
                    days = n == null ? null : n.intValue();
                    if (event != null && !Agreement.DATE_KEYS.contains(event)) {
                        after.problem("event", "'" + event + "' is not a date of an agreement; expected one of "
                                + String.join(", ", Agreement.DATE_KEYS));
                    }
                }
                if (due == null && event == null) d.problem("due", "missing; a deadline needs 'due: yyyy-mm-dd' or 'after: {event, days}'");
                deadlines.add(new Deadline(d.str("id"), d.str("what"), due, event, days,
                        d.enumValue("status", Deadline.Status.class, Deadline.Status.UNKNOWN), source(d.field("source"))));
            }
            List<Commitment> commitments = new ArrayList<>();
            for (YNode c : a.field("commitments").items()) {
                if (!c.requireMap()) continue;
                c.allowOnly("category", "party", "text", "source", "note");
                Commitment.Category cat = c.enumValue("category", Commitment.Category.class, null);
                String party = c.optStr("party", "all");
                if (!party.equals("all")) checkGeoToken(c, "party", party);
                commitments.add(new Commitment(cat, party, c.str("text"), source(c.field("source"))));
            }
            List<Source> sources = new ArrayList<>();
            for (YNode s : a.field("sources").items()) {
                Source so = source(s);
                if (so != null) sources.add(so);
            }
            agreements.add(new Agreement(id, a.str("name"), a.optStr("short-name", id), kind, status, illustrative,
                    parties, a.strList("builds-on"), dates, deadlines, commitments, sources, a.optStr("note", null)));
        }
    }

    /** Each agreement's node by id, over every agreements file (a base's and an overlay's): ids are one namespace. */
    private final Map<String, YNode> agreementNodes = new LinkedHashMap<>();

    /**
     * What each agreement builds on, checked once every agreements file is read: an overlay's agreement builds on its base's,
     * and a base's on one written after it. Said at the agreement's builds-on line.
     */
    private void checkBuildsOn() {
        for (Agreement ag : agreements) {
            for (String b : ag.buildsOn()) {
                if (!agreementNodes.containsKey(b)) agreementNodes.get(ag.id()).field("builds-on").problem("agreement " + ag.id()
                        + " builds on unknown agreement '" + b + "'; expected an agreement of the regime ("
                        + String.join(", ", agreementNodes.keySet()) + ")");
            }
        }
    }

    private void checkGeoToken(YNode n, String field, String token) {
        if (!geography.knows(token)) {
            n.problem(field, "unknown group or country '" + token + "'; expected ALL, a group id ("
                    + String.join(", ", groups.keySet()) + ") or an ISO alpha-2 country code");
        }
    }

    // ------------------------------------------------------------------ lists and fx

    /**
     * Regions (ISO 3166-2 subdivisions) a condition may name and an entry may declare as production regions: a YAML file
     * {@code regions: [{code: CN-XJ, name: ...}]}. A code not shaped CC-XXX, of a country the regime does not have, or
     * listed twice is refused.
     */
    private void readRegions(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("regions");
        for (YNode r : root.field("regions").items()) {
            if (!r.requireMap()) continue;
            r.allowOnly("code", "name", "source");
            String code = r.str("code");
            String name = r.str("name");
            if (code == null || name == null) continue;
            if (!lodestone.regime.geo.Region.wellFormed(code)) {
                r.problem("code", "'" + code + "' is not an ISO 3166-2 subdivision code; expected the country's alpha-2 code, "
                        + "a hyphen and one to three capital letters or digits, e.g. CN-XJ");
                continue;
            }
            String country = code.substring(0, 2);
            if (geographyCountry(country) == null) {
                r.problem("code", "region " + code + " is of an unknown country '" + country + "'");
                continue;
            }
            if (regions.containsKey(code)) {
                r.problem("code", "region " + code + " is listed twice");
                continue;
            }
            regions.put(code, new lodestone.regime.geo.Region(code, country, name));
        }
    }

    private final List<StackingRule> stacking = new ArrayList<>();
    /** Each stacking rule with its node: its selectors checked once every measures file is read. */
    private final List<YNode> stackingNodes = new ArrayList<>();

    /**
     * Stacking rules: a YAML file {@code stacking: [{id, measures: [...], displaces: [...], citation | citation-not-sourced,
     * source}]} — why a measure is not charged on the value another is charged on, cited per pair.
     */
    private void readStacking(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("stacking");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (StackingRuleRef r : stackingRefs) ids.add(r.id());
        for (YNode r : root.field("stacking").items()) {
            if (!r.requireMap()) continue;
            r.allowOnly("id", "measures", "displaces", "citation", "citation-not-sourced", "source", "note");
            String id = r.str("id");
            List<String> ms = r.strList("measures");
            List<String> ds = r.strList("displaces");
            String citation = r.optStr("citation", null);
            String notSourced = r.optStr("citation-not-sourced", null);
            if (id == null) continue;
            if (!ids.add(id)) {
                r.problem("id", "stacking rule " + id + " is written twice; expected one rule per id");
                continue;
            }
            if (ms.isEmpty()) r.problem("measures", "missing; expected the displacing measures (ids, headings, or prefixes ending in *)");
            if (ds.isEmpty()) r.problem("displaces", "missing; expected the displaced measures (ids, headings, or prefixes ending in *)");
            if ((citation == null) == (notSourced == null)) {
                r.problem("citation", citation == null
                        ? "missing; expected the legal text that says these measures do not stack, or citation-not-sourced: what could not be found"
                        : "both citation and citation-not-sourced are given; expected one");
                continue;
            }
            if (ms.isEmpty() || ds.isEmpty()) continue;
            stacking.add(new StackingRule(id, ms, ds, citation, notSourced, r.optStr("source", null),
                    r.file(), r.line()));
            stackingNodes.add(r);
            stackingRefs.add(new StackingRuleRef(id));
        }
    }

    private record StackingRuleRef(String id) { }
    private final List<StackingRuleRef> stackingRefs = new ArrayList<>();

    /**
     * Each selector of a stacking rule names a measure of the regime, and the rule explains at least one pair a measure's
     * {@code displaces} makes (a rule that explains none cites nothing the assessment does: a mistyped id or a stale rule).
     */
    private void checkStacking() {
        for (int k = 0; k < stacking.size(); k++) {
            StackingRule r = stacking.get(k);
            YNode n = stackingNodes.get(k);
            boolean bad = false;
            for (String field : List.of("measures", "displaces")) {
                List<String> sel = field.equals("measures") ? r.measures() : r.displaces();
                List<YNode> items = listItems(n.field(field));
                for (int i = 0; i < sel.size(); i++) {
                    String s = sel.get(i);
                    boolean any = false;
                    for (Measure m : measures) if (StackingRule.selects(s, m)) { any = true; break; }
                    if (!any && !s.matches("99\\d\\d\\.[0-9.*]+")) { // a Chapter 99 heading the law names need not be modelled
                        (i < items.size() ? items.get(i) : n).problem("unknown measure '" + s + "'; expected a measure id of this regime, "
                                + "or a Chapter 99 heading (or either as a prefix ending in *)");
                        bad = true;
                    }
                }
            }
            if (bad) continue;
            boolean explains = false;
            outer:
            for (Measure x : measures) {
                if (r.measures().stream().noneMatch(s -> StackingRule.selects(s, x))) continue;
                for (Measure y : measures) {
                    if (y != x && x.displaces(y) && r.explains(x, y)) {
                        explains = true;
                        break outer;
                    }
                }
            }
            if (!explains) {
                n.problem("displaces", "no measure of 'measures' names a measure of 'displaces' in its displaces; expected a pair "
                        + "the regime's measures make (a stacking rule explains a displaces entry, it does not make one)");
            }
        }
    }

    /** End uses a condition may test and an entry may declare: a YAML file {@code end-uses: [{code: civil-aircraft, title: ...}]}. */
    private void readEndUses(String file) {
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("end-uses");
        for (YNode u : root.field("end-uses").items()) {
            if (!u.requireMap()) continue;
            u.allowOnly("code", "title", "source");
            String code = u.str("code");
            String title = u.str("title");
            if (code == null || title == null) continue;
            if (!lodestone.regime.measure.EndUse.wellFormed(code)) {
                u.problem("code", "'" + code + "' is not an end-use code; expected lower-case letters and digits in words joined "
                        + "by hyphens, e.g. civil-aircraft");
                continue;
            }
            if (endUses.containsKey(code)) {
                u.problem("code", "end use " + code + " is listed twice");
                continue;
            }
            endUses.put(code, new lodestone.regime.measure.EndUse(code, title));
        }
    }

    /** The values of a condition's list field (a single value or a list), each with its own node for a located problem. */
    private static List<YNode> listItems(YNode v) {
        return v.isScalar() ? List.of(v) : v.items();
    }

    /** An entity list: a CSV file whose name (without folder and .csv, and without "-entities") is the list's id. */
    private void readEntityList(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.csv$", "");
        String id = base.replaceFirst("-entities$", "");
        String t = text(file);
        if (t == null) return;
        List<EntityList.Entry> entries = new ArrayList<>();
        new CsvTable(display(file), t, problems).forEach(List.of("name", "listed", "note"), row -> {
            if (row.get("name").isEmpty()) {
                row.problem("name", "empty; every entry needs a name");
                return;
            }
            entries.add(new EntityList.Entry(row.get("name"), date(row, "listed"), row.get("note")));
        });
        lists.put(id, new EntityList(id, id, entries));
    }

    private void readFx(String file) {
        String t = text(file);
        if (t == null) return;
        Map<String, List<FxRates.Observation>> rates = new HashMap<>();
        Map<String, Object[]> seen = new HashMap<>(); // currency|date|observation -> {line, rate, column}: a second row must agree
        // each rate as its source quotes it: a units_per_usd column (158.683 JPY per USD, divided by), a usd_per_unit column
        // (1.16 USD per EUR, multiplied by), or both, with one of them in each row
        boolean[] header = {false};
        new CsvTable(display(file), t, problems).forEach(List.of("date", "currency", "observation", "source"), row -> {
            boolean perUsdColumn = row.has("units_per_usd"), usdPerColumn = row.has("usd_per_unit");
            if (!perUsdColumn && !usdPerColumn) {
                if (!header[0]) row.problem("units_per_usd", "no rate column: the header needs units_per_usd (units of the currency "
                        + "per US dollar) or usd_per_unit (US dollars per unit), or both");
                header[0] = true;
                return;
            }
            LocalDate d = date(row, "date");
            String cur = row.get("currency");
            try {
                Currency.getInstance(cur);
            } catch (IllegalArgumentException e) {
                row.problem("currency", "'" + cur + "' is not an ISO 4217 currency code");
                return;
            }
            String perUsd = row.get("units_per_usd"), usdPer = row.get("usd_per_unit");
            if (!perUsd.isEmpty() && !usdPer.isEmpty()) {
                // which would be converted with? The two are seldom each other's exact inverse
                row.problem("units_per_usd", "both units_per_usd and usd_per_unit are given; give the rate once, as its source "
                        + "quotes it");
                return;
            }
            if (perUsd.isEmpty() && usdPer.isEmpty()) {
                row.problem(perUsdColumn ? "units_per_usd" : "usd_per_unit", "no rate: give units_per_usd or usd_per_unit");
                return;
            }
            boolean unitsPerUsd = !perUsd.isEmpty();
            String column = unitsPerUsd ? "units_per_usd" : "usd_per_unit";
            BigDecimal r;
            try {
                r = new BigDecimal(unitsPerUsd ? perUsd : usdPer);
                if (r.signum() <= 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                row.problem(column, "'" + row.get(column) + "' is not a positive number");
                return;
            }
            String absurdFx = unitsPerUsd ? RateBounds.checkUnitsPerUsd(r) : RateBounds.checkUsdPerUnit(r);
            if (absurdFx != null) {
                row.problem(column, absurdFx);
                return;
            }
            if (d == null) return;
            Object[] first = seen.putIfAbsent(cur + "|" + d + "|" + row.get("observation"), new Object[]{row.line(), r, column});
            if (first != null) {
                if (((BigDecimal) first[1]).compareTo(r) != 0 || !first[2].equals(column)) {
                    row.problem(column, cur + " on " + d + " (" + row.get("observation") + ") is " + r.toPlainString()
                            + (first[2].equals(column) ? "" : " " + column) + " here but " + ((BigDecimal) first[1]).toPlainString()
                            + (first[2].equals(column) ? "" : " " + first[2]) + " at line " + first[0] + "; one rate per currency and date");
                }
                return;
            }
            rates.computeIfAbsent(cur, k -> new ArrayList<>()).add(new FxRates.Observation(d, r, unitsPerUsd,
                    row.get("observation").equals("monthly_average"), row.get("source")));
        });
        fx = new FxRates(rates);
    }

    // ------------------------------------------------------------------ measures

    /** The folder a measures file's include-file and exclude-file paths are relative to: its manifest's. */
    private String measuresFolder = "";

    private void readMeasures(String file) {
        measuresFolder = folderOf.getOrDefault(file, "");
        String t = text(file);
        YNode root = t == null ? null : YNode.parse(display(file), t, problems);
        if (root == null || !root.requireMap()) return;
        root.allowOnly("measures");
        for (YNode m : root.field("measures").items()) {
            if (!m.requireMap()) continue;
            Measure measure = readMeasure(m);
            if (measure != null) measures.add(measure);
        }
    }

    /** A {@code displaces} entry: its node, the name it gives and the id of the measure that writes it. */
    private record Displacing(YNode node, String name, String owner) { }

    /** Each {@code displaces} entry with its node: checked once every measures file is read. */
    private final List<Displacing> displacesNamed = new ArrayList<>();

    /**
     * A measure a {@code displaces} entry names: an id, a heading, or a heading prefix ending in {@code *}; not the measure
     * itself by its id; and no measures displacing each other in a cycle on dates they share (each would leave the other
     * uncharged on the same value, so none is charged — without a word).
     */
    private void checkDisplaces() {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < measures.size(); i++) index.putIfAbsent(measures.get(i).id(), i);
        List<List<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) edges.add(new ArrayList<>());
        Map<Long, YNode> edgeNode = new HashMap<>();
        for (Displacing d : displacesNamed) {
            String name = d.name();
            boolean prefix = name.endsWith("*");
            String stem = prefix ? name.substring(0, name.length() - 1) : name;
            List<Integer> targets = new ArrayList<>();
            if (index.containsKey(name)) targets.add(index.get(name));
            for (int x = 0; x < measures.size(); x++) {
                String h = measures.get(x).heading();
                if (h != null && (prefix ? h.startsWith(stem) : name.equals(h))) targets.add(x);
            }
            if (targets.isEmpty()) {
                d.node().problem("unknown measure '" + name + "'; expected a measure id, a heading or a heading prefix "
                        + "ending in * of this regime");
                continue;
            }
            if (name.equals(d.owner())) {
                d.node().problem("measure " + name + " names itself; expected the measures this one is charged in place of");
                continue;
            }
            Integer from = index.get(d.owner());
            if (from == null) continue;
            for (int t : targets) {
                if (t == from || !measures.get(t).validity().overlaps(measures.get(from).validity())) continue;
                edges.get(from).add(t);
                edgeNode.putIfAbsent(((long) from << 32) | t, d.node());
            }
        }
        for (List<Integer> cycle : cycles(edges)) {
            int first = cycle.get(0);
            int next = cycle.get(1);
            List<String> names = new ArrayList<>();
            for (int c : cycle) names.add(measures.get(c).id());
            names.add(measures.get(first).id());
            edgeNode.get(((long) first << 32) | next).problem("measures " + String.join(" → ", names) + " displace each other "
                    + "in a cycle on dates they share: each leaves the next uncharged on the same value, so none of them is "
                    + "charged; expected displacement one way (the measure charged in place of the others names them)");
        }
    }

    /**
     * The cycles of the displacement graph, one for each group of measures that reach each other (a strongly connected
     * component of more than one), each from its earliest measure along edges to earlier-written ones first.
     */
    private static List<List<Integer>> cycles(List<List<Integer>> edges) {
        int n = edges.size();
        int[] comp = new int[n];
        java.util.Arrays.fill(comp, -1);
        // Kosaraju: finishing order on the graph, then components on the reversed graph
        List<Integer> order = new ArrayList<>();
        boolean[] seen = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (seen[s]) continue;
            java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
            stack.push(new int[]{s, 0});
            seen[s] = true;
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                List<Integer> out = edges.get(top[0]);
                if (top[1] < out.size()) {
                    int t = out.get(top[1]++);
                    if (!seen[t]) {
                        seen[t] = true;
                        stack.push(new int[]{t, 0});
                    }
                } else {
                    order.add(top[0]);
                    stack.pop();
                }
            }
        }
        List<List<Integer>> reverse = new ArrayList<>();
        for (int i = 0; i < n; i++) reverse.add(new ArrayList<>());
        for (int i = 0; i < n; i++) for (int t : edges.get(i)) reverse.get(t).add(i);
        int components = 0;
        for (int k = order.size() - 1; k >= 0; k--) {
            int s = order.get(k);
            if (comp[s] >= 0) continue;
            java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
            stack.push(s);
            comp[s] = components;
            while (!stack.isEmpty()) {
                int v = stack.pop();
                for (int u : reverse.get(v)) {
                    if (comp[u] < 0) {
                        comp[u] = components;
                        stack.push(u);
                    }
                }
            }
            components++;
        }
        List<List<Integer>> out = new ArrayList<>();
        boolean[] done = new boolean[components];
        for (int s = 0; s < n; s++) { // s: the earliest measure of its component
            int c = comp[s];
            if (done[c]) continue;
            done[c] = true;
            // a path from s back to s within the component (breadth first: the shortest)
            int[] prev = new int[n];
            java.util.Arrays.fill(prev, -2);
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
            for (int t : edges.get(s)) {
                if (comp[t] == c && prev[t] == -2) {
                    prev[t] = s;
                    queue.add(t);
                }
            }
            List<Integer> cycle = null;
            while (!queue.isEmpty() && cycle == null) {
                int v = queue.poll();
                for (int t : edges.get(v)) {
                    if (t == s) {
                        cycle = new ArrayList<>();
                        for (int w = v; w != s; w = prev[w]) cycle.add(0, w);
                        cycle.add(0, s);
                        break;
                    }
                    if (comp[t] == c && prev[t] == -2) {
                        prev[t] = v;
                        queue.add(t);
                    }
                }
            }
            if (cycle != null) out.add(cycle);
        }
        return out;
    }

    private Measure readMeasure(YNode m) {
        m.allowOnly("id", "type", "title", "products", "origins", "valid", "duty", "value-basis", "us-content-share",
                "value-basis-citation", "conditions", "displaces", "legal-base", "footnotes", "agreement", "illustrative", "note", "low-value-waiver");
        String id = m.str("id");
        MeasureType type = m.enumValue("type", MeasureType.class, null);
        String title = m.optStr("title", id);
        ProductScope products = productScope(m.field("products"));
        OriginScope origins = originScope(m.field("origins"));
        if (!m.has("valid")) m.problem("valid", "missing; every measure needs a validity window {from: yyyy-mm-dd[, to: yyyy-mm-dd]}");
        Validity validity = validity(m.field("valid"));
        DutyExpression duty = null;
        String dutyText = m.optStr("duty", null);
        if (dutyText != null) {
            duty = expression(dutyText, m::problem, "duty");
            checkExpressionRefs(duty, m::problem, "duty");
        }
        ValueBasis basis = m.enumValue("value-basis", ValueBasis.class, ValueBasis.CUSTOMS_VALUE);
        BigDecimal share = m.decimal("us-content-share", false);
        if (share != null && RateBounds.checkPercentShare(share) != null) m.field("us-content-share").problem(RateBounds.checkPercentShare(share));
        if (basis == ValueBasis.NON_US_CONTENT_VALUE && share == null) {
            m.problem("us-content-share", "missing; non-us-content-value needs the US-content share (percent) from which it applies");
        }
        String basisCitation = m.optStr("value-basis-citation", null);
        if (basis == ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED && (basisCitation == null || basisCitation.isBlank())) {
            m.problem("value-basis-citation", "missing; metal-content-value-if-declared cites the instrument and guidance that "
                    + "charge the content's value when declared and the whole value otherwise");
        } else if (basis != ValueBasis.METAL_CONTENT_VALUE_IF_DECLARED && basis != ValueBasis.NON_US_CONTENT_VALUE && basisCitation != null) {
            m.field("value-basis-citation").problem("only for value-basis metal-content-value-if-declared or non-us-content-value "
                    + "(this measure's is " + basis.name().toLowerCase().replace('_', '-') + ")");
        }
        List<Condition> conditions = new ArrayList<>();
        for (YNode c : m.field("conditions").items()) {
            Condition cond = condition(c);
            if (cond != null) conditions.add(cond);
        }
        if (type != null && dutyText == null && type != MeasureType.PROHIBITION && type != MeasureType.DOCUMENT_REQUIREMENT
                && conditions.stream().noneMatch(c -> c.action() instanceof Action.Apply
                || c.action() instanceof Action.ChargeDifference)) {
            m.problem("duty", "missing; a " + type.label() + " needs a duty or a condition that charges one");
        }
        LegalBase legal = null;
        YNode lb = m.field("legal-base");
        if (lb.isMissing()) {
            m.problem("legal-base", "missing; every measure names its legal base (heading, instrument, notice)");
        } else if (lb.requireMap()) {
            lb.allowOnly("heading", "instrument", "notice", "date", "url");
            String heading = lb.optStr("heading", null);
            if (heading != null && Nomenclature.digitsOf(heading) == null) {
                lb.problem("heading", "'" + heading + "' is not an HTS heading such as 9903.03.01");
            }
            legal = new LegalBase(heading, lb.optStr("instrument", null), lb.optStr("notice", null),
                    lb.date("date", false), lb.optStr("url", null));
            if (legal.heading() == null && legal.instrument() == null) {
                lb.problem("instrument", "missing; a legal base needs at least a heading or an instrument");
            }
        }
        String agreementId = m.optStr("agreement", null);
        boolean illustrative = m.bool("illustrative", false);
        if (agreementId != null) { // agreements are read before measures: checked here, where the field's line is known
            Agreement a = agreements.stream().filter(x -> x.id().equals(agreementId)).findFirst().orElse(null);
            if (a == null) {
                m.field("agreement").problem("unknown agreement '" + agreementId + "'; expected one of "
                        + agreements.stream().map(Agreement::id).sorted().toList());
            } else if (a.illustrative() && !illustrative) {
                m.problem("illustrative", "measure implements the illustrative agreement " + a.id()
                        + " and must itself be marked illustrative: true");
            }
        }
        List<String> displaces = m.strList("displaces");
        YNode dn = m.field("displaces");
        List<YNode> dItems = dn.isScalar() ? List.of(dn) : dn.items();
        for (int i = 0; i < dItems.size() && i < displaces.size(); i++) displacesNamed.add(new Displacing(dItems.get(i), displaces.get(i), id));
        if (id == null || type == null || products == null || origins == null) return null;
        LowValueWaiver waiver = lowValueWaiver(m, type, conditions);
        return new Measure(id, type, title, products, origins, validity, duty, basis, share, basisCitation, conditions,
                displaces, legal, m.strList("footnotes"), waiver, agreementId, illustrative, m.file(), m.line());
    }

    /**
     * A document requirement's low-value exception, {@code low-value-waiver: {at-most-usd: 2500.00, legal-base: "…", note:
     * "…"}}: only on a document requirement that requires documents, an amount in dollars and cents, not negative, and its
     * legal base; null when absent or refused (the problem is reported at its field).
     */
    private LowValueWaiver lowValueWaiver(YNode m, MeasureType type, List<Condition> conditions) {
        YNode w = m.field("low-value-waiver");
        if (w.isMissing() || !w.requireMap()) return null;
        w.allowOnly("at-most-usd", "legal-base", "note");
        if (type != null && type != MeasureType.DOCUMENT_REQUIREMENT) {
            w.problem("a low-value waiver excuses documents: only a document-requirement may have one, not a " + type.label());
            return null;
        }
        if (conditions.stream().noneMatch(c -> c.action() instanceof Action.RequireDocuments)) {
            w.problem("the measure requires no documents (no condition with require-documents): there is nothing to waive");
            return null;
        }
        BigDecimal at = w.decimal("at-most-usd", true);
        String legalBase = w.optStr("legal-base", null);
        if (legalBase == null || legalBase.isBlank()) {
            w.problem("legal-base", "missing; a low-value waiver names where it is written, e.g. 19 CFR 10.586(a)(2)");
            return null;
        }
        if (at == null) return null;
        if (at.signum() < 0 || at.stripTrailingZeros().scale() > 2) {
            w.field("at-most-usd").problem("'" + at.toPlainString() + "' is not an amount in US dollars and cents, not negative, "
                    + "e.g. 2500.00");
            return null;
        }
        return new LowValueWaiver(at.setScale(2, java.math.RoundingMode.UNNECESSARY), legalBase, w.optStr("note", null));
    }

    private ProductScope productScope(YNode p) {
        if (p.isMissing()) {
            p.problem("missing; expected products: {include: [codes]} or {all: true}");
            return null;
        }
        if (!p.requireMap()) return null;
        p.allowOnly("all", "include", "include-file", "exclude", "exclude-file");
        boolean all = p.bool("all", false);
        boolean includesGiven = p.has("include") || p.has("include-file");
        Set<String> inc = codeSet(p, "include", "include-file", null, null);
        Map<String, YNode> written = new LinkedHashMap<>();
        Map<String, String> excludedBy = new HashMap<>();
        Set<String> exc = codeSet(p, "exclude", "exclude-file", written, excludedBy);
        if (all && includesGiven) p.problem("include", "give either all: true or include, not both");
        if (!all && !includesGiven) p.problem("include", "no goods covered; expected codes or all: true");
        if (!all && !inc.isEmpty() && !p.has("include-file")) {
            // an exclusion written in a measure that writes its codes carves goods out of what it includes: one outside
            // that scope excludes nothing (a mistyped code, silently), one at or above an included code excludes all of
            // it. (Lists in files are shared — an annex, the generated measures' common exclusions — and may name goods
            // a measure does not include.)
            for (Map.Entry<String, YNode> x : written.entrySet()) {
                String d = x.getKey();
                String wider = inc.stream().filter(i -> i.startsWith(d)).sorted().findFirst().orElse(null);
                if (wider != null) {
                    x.getValue().problem("'" + x.getValue().text() + "' excludes all of the included code " + Nomenclature.dotted(wider)
                            + "; expected an exclusion below an included code");
                } else if (inc.stream().noneMatch(d::startsWith)) {
                    x.getValue().problem("'" + x.getValue().text() + "' is not under any included code ("
                            + String.join(", ", inc.stream().sorted().limit(5).map(Nomenclature::dotted).toList())
                            + (inc.size() > 5 ? ", … " + inc.size() + " codes" : "")
                            + "), so it excludes nothing; expected an exclusion below an included code");
                }
            }
        }
        for (String w : written.keySet()) excludedBy.remove(w); // a code the measure writes itself is its own exclusion
        return new ProductScope(all, inc, exc, excludedBy);
    }

    /**
     * The codes of {@code key} and of the files of {@code fileKey}; the codes written in the list also into {@code written};
     * into {@code from}, each code of a file with the file (as named) and its description, the first comment line.
     */
    private Set<String> codeSet(YNode p, String key, String fileKey, Map<String, YNode> written, Map<String, String> from) {
        Set<String> out = new LinkedHashSet<>();
        YNode list = p.field(key);
        List<YNode> items = list.isScalar() ? List.of(list) : list.items();
        for (YNode item : items) {
            String code = item.text();
            if (code == null) continue;
            String d = Nomenclature.digitsOf(code);
            if (d == null || d.length() % 2 != 0 || d.length() > 10) {
                // a scope matches codes at their levels (2, 4, 6, 8, 10 digits): "2" or "2836.9" is no level and
                // covered nothing, or something other than what was meant, without a word
                item.problem("'" + code + "' is not a code; expected a chapter, heading, subheading or line: 2, 4, 6, 8 or 10 "
                        + "digits with optional dots such as 28, 2846, 2846.90, 2846.90.20 or 2846.90.20.40");
                continue;
            }
            if (hts != null && hts.size() > 0 && !hts.hasPrefix(d)) {
                item.problem("unknown code '" + code + "'; no line of the nomenclature starts with it");
                continue;
            }
            out.add(d);
            if (written != null) written.putIfAbsent(d, item);
        }
        for (String named : p.has(fileKey) ? p.strList(fileKey) : List.<String>of()) { // one file or a list
            String file = resolve(measuresFolder, named);
            namedIn.putIfAbsent(file, new Named(p.file(), p.field(fileKey).line(), p.path().isEmpty() ? fileKey : p.path() + "." + fileKey));
            List<String> codes = codeFile(file);
            out.addAll(codes);
            if (from != null) {
                String what = codeFileWhat.get(file);
                String label = named + (what == null ? "" : ": " + what);
                for (String c : codes) from.putIfAbsent(c, label);
            }
        }
        return out;
    }

    /**
     * The codes of one product-list file, read and checked once however many measures name it (the Section 301 action
     * names the same annexes for sixty economies: read per measure, the lists cost a third of the load); its problems are
     * reported once, at the file's own lines.
     */
    private List<String> codeFile(String file) {
        List<String> known = codeFiles.get(file);
        if (known != null) return known;
        List<String> codes = new ArrayList<>();
        String t = text(file);
        if (t != null) {
            String what = description(t);
            if (what != null) codeFileWhat.put(file, what);
            new CsvTable(display(file), t, problems).forEach(List.of("code"), row -> {
                String d = Nomenclature.digitsOf(row.get("code"));
                if (d == null || d.length() % 2 != 0 || d.length() > 10) {
                    row.problem("code", "'" + row.get("code") + "' is not a code; expected 2, 4, 6, 8 or 10 digits");
                } else if (hts != null && hts.size() > 0 && !hts.hasPrefix(d)) {
                    row.problem("code", "unknown code '" + row.get("code") + "'; no line of the nomenclature starts with it");
                } else {
                    codes.add(d);
                }
            });
        }
        List<String> read = List.copyOf(codes);
        codeFiles.put(file, read);
        return read;
    }

    private final Map<String, List<String>> codeFiles = new HashMap<>();
    /** A product-list file's description: its first comment line, what the list is and its legal home. */
    private final Map<String, String> codeFileWhat = new HashMap<>();

    /** The text of a file's first line when it is a comment ({@code # ...}), without the mark; null otherwise. */
    private static String description(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int end = t.indexOf('\n');
        String first = (end < 0 ? t : t.substring(0, end)).strip();
        if (!first.startsWith("#")) return null;
        String what = first.substring(1).strip();
        return what.isEmpty() ? null : what;
    }

    private OriginScope originScope(YNode o) {
        if (o.isMissing()) {
            o.problem("missing; expected origins: {include: [ALL | group | country], exclude: [...]}");
            return null;
        }
        if (!o.requireMap()) return null;
        o.allowOnly("include", "exclude");
        List<String> inc = o.strList("include");
        List<String> exc = o.strList("exclude");
        if (inc.isEmpty()) o.problem("include", "no origins covered; expected ALL, a group or countries");
        for (String t : inc) checkGeoToken(o, "include", t);
        for (String t : exc) checkGeoToken(o, "exclude", t);
        if (!inc.contains(Geography.ALL) && inc.stream().allMatch(geography::knows)) {
            // an excluded country or group none of whose countries the included ones ever cover excludes nothing
            Set<String> covered = new HashSet<>();
            for (String t : inc) covered.addAll(geography.everCovered(t));
            for (String t : exc) {
                if (geography.knows(t) && !Geography.ALL.equals(t) && geography.everCovered(t).stream().noneMatch(covered::contains)) {
                    o.problem("exclude", "'" + t + "' excludes nothing: no country it " + (geography.group(t).isPresent()
                            ? "has" : "names") + " is ever covered by " + inc + "; expected an exclusion from the included origins");
                }
            }
        }
        return new OriginScope(inc, exc);
    }

    private Condition condition(YNode c) {
        if (!c.requireMap()) return null;
        c.allowOnly("id", "when", "then", "note");
        List<Test> tests = new ArrayList<>();
        boolean broken = false; // a test refused: the condition is dropped (the regime is refused), not read as "always"
        YNode when = c.field("when");
        if (!when.isMissing() && when.requireMap()) {
            when.allowOnly("document", "no-document", "preference", "unit-price-below", "unit-price-at-least",
                    "us-content-share-at-least", "loaded-before", "entered-before", "producer-on-list", "producer-in",
                    "exported-from", "produced-in", "end-use");
            for (String k : when.keys()) {
                YNode v = when.field(k);
                switch (k) {
                    case "document" -> when.strList(k).forEach(d -> tests.add(new Test.DocumentHeld(d)));
                    case "no-document" -> when.strList(k).forEach(d -> tests.add(new Test.DocumentMissing(d)));
                    case "preference" -> {
                        String prog = v.text();
                        if (prog != null && programs.stream().noneMatch(p -> p.code().equals(prog))) {
                            v.problem("unknown preference program '" + prog + "'");
                        }
                        tests.add(new Test.PreferenceClaimed(prog));
                    }
                    case "unit-price-below", "unit-price-at-least" -> {
                        Price price = price(v);
                        if (price != null) tests.add(k.equals("unit-price-below") ? new Test.UnitPriceBelow(price)
                                : new Test.UnitPriceAtLeast(price));
                    }
                    case "us-content-share-at-least" -> {
                        BigDecimal pct = when.decimal(k, true);
                        if (pct != null && RateBounds.checkPercentShare(pct) != null) v.problem(RateBounds.checkPercentShare(pct));
                        if (pct != null) tests.add(new Test.UsContentShareAtLeast(pct));
                    }
                    case "loaded-before" -> {
                        LocalDate d = when.date(k, true);
                        if (d != null) tests.add(new Test.LoadedBefore(d));
                    }
                    case "entered-before" -> {
                        LocalDate d = when.date(k, true);
                        if (d != null) tests.add(new Test.EnteredBefore(d));
                    }
                    case "producer-on-list" -> {
                        String list = v.text();
                        if (list != null && !lists.containsKey(list)) { // lists are read before measures
                            v.problem("unknown list '" + list + "'; expected one of " + lists.keySet());
                        }
                        tests.add(new Test.ProducerOnList(list));
                    }
                    case "producer-in" -> tests.add(new Test.ProducerIn(when.strList(k)));
                    case "exported-from" -> {
                        String tok = v.text();
                        if (tok != null) checkGeoToken(when, k, tok);
                        tests.add(new Test.ExportedFrom(tok));
                    }
                    case "produced-in" -> {
                        List<lodestone.regime.geo.Region> rs = new ArrayList<>();
                        boolean ok = true;
                        for (YNode item : listItems(v)) {
                            String code = item.text();
                            if (code == null) continue;
                            lodestone.regime.geo.Region r = regions.get(code);
                            if (r == null) {
                                ok = false;
                                item.problem(!lodestone.regime.geo.Region.wellFormed(code)
                                        ? "'" + code + "' is not an ISO 3166-2 subdivision code; expected e.g. CN-XJ"
                                        : "unknown region '" + code + "'; expected one of " + regions.keySet()
                                        + " (the regime's regions files)");
                            } else {
                                rs.add(r);
                            }
                        }
                        if (ok && rs.isEmpty()) v.problem("no region; expected a list of the regime's regions, e.g. [CN-XJ]");
                        if (ok && !rs.isEmpty()) tests.add(new Test.ProducedIn(rs));
                        else broken = true;
                    }
                    case "end-use" -> {
                        List<lodestone.regime.measure.EndUse> us = new ArrayList<>();
                        boolean ok = true;
                        for (YNode item : listItems(v)) {
                            String code = item.text();
                            if (code == null) continue;
                            lodestone.regime.measure.EndUse u = endUses.get(code);
                            if (u == null) {
                                ok = false;
                                item.problem("unknown end use '" + code + "'; expected one of " + endUses.keySet()
                                        + " (the regime's end-uses files)");
                            } else {
                                us.add(u);
                            }
                        }
                        if (ok && us.isEmpty()) v.problem("no end use; expected a list of the regime's end uses, e.g. [civil-aircraft]");
                        if (ok && !us.isEmpty()) tests.add(new Test.EndUseIn(us));
                        else broken = true;
                    }
                    default -> { }
                }
            }
        }
        YNode then = c.field("then");
        Action action = null;
        if (then.isMissing()) {
            c.problem("then", "missing; expected one of apply, exempt, block, charge-difference, require-documents");
        } else if (then.requireMap()) {
            then.allowOnly("apply", "exempt", "block", "charge-difference", "require-documents");
            List<String> keys = then.keys();
            if (keys.size() != 1) {
                then.problem("expected exactly one action: apply, exempt, block, charge-difference or require-documents");
            } else {
                String k = keys.get(0);
                YNode v = then.field(k);
                switch (k) {
                    case "apply" -> {
                        DutyExpression e = expression(String.valueOf(v.text()), then::problem, k);
                        checkExpressionRefs(e, then::problem, k);
                        if (e != null) action = new Action.Apply(e);
                    }
                    case "exempt" -> action = new Action.Exempt(v.text() == null ? "exempt" : v.text());
                    case "block" -> action = new Action.Block(v.text() == null ? "prohibited" : v.text());
                    case "charge-difference" -> {
                        Price p = price(v);
                        if (p != null) action = new Action.ChargeDifference(p);
                    }
                    case "require-documents" -> action = new Action.RequireDocuments(then.strList(k));
                    default -> { }
                }
            }
        }
        if (action == null || broken) return null;
        return new Condition(c.optStr("id", null), tests, action, c.optStr("note", null), c.line());
    }

    /**
     * What is wrong with a currency a measure's rate or price is written in: not an ISO 4217 code, or one the regime's
     * exchange-rate table has no rate for; null when it is fine. (Checked where the rate is written, so the problem names
     * its line and field: minerals and exchange rates are read before the measures.)
     */
    private String currencyProblem(String cur) {
        try {
            java.util.Currency.getInstance(cur);
        } catch (IllegalArgumentException e) {
            return "unknown currency '" + cur + "'; expected an ISO 4217 code such as USD";
        }
        if (!"USD".equals(cur) && !fx.currencies().contains(cur) && fx.currencies().size() > 1) {
            return "no exchange rate for " + cur + " in the regime's rate table; expected one of " + fx.currencies();
        }
        return null;
    }

    /** What is wrong with a content basis a rate or price is charged per: not one of the minerals file's, or not by mass. */
    private String basisProblem(String basis, lodestone.regime.unit.Unit unit) {
        if (!bases.isEmpty() && bases.stream().noneMatch(b -> b.id().equals(basis))) {
            return "unknown content basis '" + basis + "'; expected one of "
                    + new java.util.TreeSet<>(bases.stream().map(ContentBasis::id).toList());
        }
        if (unit.dimension() != lodestone.regime.unit.Dimension.MASS) {
            return "unconvertible unit '" + unit.code() + "' for content " + basis + "; content is measured by mass (kg, t, lb, mtu…)";
        }
        return null;
    }

    /** The same for every specific component of a measure's duty or a condition's apply, said at its field. */
    private void checkExpressionRefs(DutyExpression e, Reporter r, String field) {
        if (e == null) return;
        for (DutyExpression.Component c : e.components()) {
            if (!(c instanceof DutyExpression.Specific sp)) continue;
            String wrong = currencyProblem(sp.currency());
            if (wrong == null && sp.basis() != null) wrong = basisProblem(sp.basis(), sp.unit());
            if (wrong != null) r.problem(field, wrong);
        }
    }

    private Price price(YNode v) {
        String t = v.text();
        if (t == null) {
            v.problem("missing; expected a price such as 110 USD/kg of REO");
            return null;
        }
        try {
            Price p = Price.parse(t);
            String absurd = RateBounds.checkPrice(p);
            if (absurd != null) {
                v.problem(absurd + " (docs/regime-format.md, Bounds on rates)");
                return null;
            }
            String wrong = currencyProblem(p.currency());
            if (wrong == null && p.basis() != null) wrong = basisProblem(p.basis(), p.unit());
            if (wrong != null) v.problem(wrong);
            return p;
        } catch (IllegalArgumentException e) {
            v.problem(e.getMessage());
            return null;
        }
    }
}
