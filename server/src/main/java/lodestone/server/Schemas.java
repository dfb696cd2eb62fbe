package lodestone.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import lodestone.border.bulk.EntryFields;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * The shapes of the API's request bodies and answers, as Java records, from which the OpenAPI description's schemas
 * are written ({@link #schema}): one component per record, its properties the record's components (named as in JSON
 * by {@code @JsonProperty} when the Java name differs), required unless marked {@link Opt} (which also allows null).
 * {@link #OPS} pairs each route ("METHOD path") with its body and answer. The assessment request is written from
 * {@link EntryFields}, the lists the entry parser checks: every field the parser requires is required here, except
 * line_id, entry_date and currency, which the API fills in. A test validates the description with swagger-parser
 * and every documented answer of a real server against its schema, so the description and the handlers agree.
 */
final class Schemas {
    private Schemas() {
    }

    /** Not required; may be null. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Opt { }

    /** A description of the property. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
    @interface Doc {
        String value();
    }

    /**
     * {@code at}: the time a record was made under the name it had first, the same value as its {@code created_at} (the
     * name jobs and tokens use); deprecated, kept for the clients that read it.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Old { }

    static final String MADE = "when it was made (ISO 8601, UTC): created_at, as of jobs and tokens";

    static final String OLD_AT = "deprecated: the same time as created_at, under the name it had first (kept from API 0.2); read created_at";

    /** Any JSON value (an object whose shape another document describes). */
    record Any() { }

    /** POST /api/reports' body: a saved result (any object, docs/report-format.md) or a stored one by reference ({@link #schema}). */
    record ReportBody() { }

    // ------------------------------------------------------------------ requests

    @Doc("Make another regime the active one.")
    record RegimeSwitch(@Doc("bundled, bundled:plurilateral, a folder or a manifest on the server") String regime) { }

    @Doc("A new API token.")
    record TokenRequest(@Doc("who or what uses it (at most 100 characters)") String name,
                        @Opt @Doc("analyst (default) or admin") String role) { }

    @Doc("A scenario to run: a bundled one by name with changed parameters, or a scenario file's text.")
    record ScenarioRunRequest(@Opt @Doc("a bundled scenario, e.g. ndpr-floor-110") String scenario,
                              @Opt @Doc("changes to the bundled scenario: floor, strike, members, ban, ban_months, releases") Map<String, Object> parameters,
                              @Opt @Doc("a whole scenario file (YAML, docs/scenario-format.md), run as written") String text) { }

    @Doc("A linear complementarity problem LCP(q, M).")
    record LcpProblem(@JsonProperty("M") @Doc("n×n matrix, rows of numbers") List<List<Double>> m, @Doc("n numbers") List<Double> q) { }

    // ------------------------------------------------------------------ answers

    @Doc("The server's state for a monitor: ok (200); degraded (200: reads are served, writes fail or will soon — writes says why);"
            + " unavailable (503: the database does not answer — database says why).")
    record Health(@Doc("ok, degraded or unavailable") String status, String regime, String regime_id, String regime_version, String store,
                  String schema_version, @Doc("ok, or why the database does not answer") String database,
                  @Doc("ok, or why writes fail or will soon fail (the database's disk full or nearly so)") String writes) { }

    record Me(String name, String role, long token_id) { }

    @Doc("A browser signing in: the token it was given.")
    record SessionRequest(@Doc("an API token, lst_…") String token) { }

    @Doc("Whether the browser's session cookie signs it in, and as whom.")
    record SessionState(boolean signed_in, @Opt String name, @Opt String role, @Opt Long token_id, @Opt String expires_at) { }

    record RegimeInfo(String active, String id, String title, String version, int hts_lines, int measures, int agreements,
                      List<String> available,
                      @Opt @Doc("as lodestone regime info --json: id, title, version, origin, horizon (checked_through, covers_from, "
                              + "fx_max_age_days, fx_latest, sources, known_gaps), counts, regions, end_uses, documents") Map<String, Object> info) { }

    record SearchHit(@Opt String code, String description, @Opt Object path, boolean declarable,
                     @Doc("the line's place in the schedule, as a tree node's (GET /api/regime/tree?index=)") int index) { }

    record SearchResults(String query, List<SearchHit> results, @Doc("more lines match than the limit let through") boolean truncated,
                         @Doc("how many lines match in all, the limit aside") int total) { }

    record TreeNode(@Opt String code, String description, boolean has_children, boolean declarable, @Opt Integer index) { }

    record Tree(@Opt String code, @Opt String description, List<TreeNode> children) { }

    record CodeRef(String code, String description) { }

    record BaseRate(String id, @Opt String column, @Opt String program, @Opt String duty, @Opt String source_text, boolean applies,
                    @Opt String why, @Opt String printed_on) { }

    record MeasureView(String id, String output_id, String type, String series, @Opt String title, @Opt String duty, String value_basis,
                       @Opt String valid_from, @Opt String valid_to, List<String> conditions, Map<String, Object> legal_base,
                       @Opt @Doc("the measures (or heading patterns, 9903.02.*) this one displaces on the goods it covers") List<String> displaces,
                       @Opt @Doc("why the measures it displaces do not stack on it: per stacking rule, the displaced measures and the citation (or what could not be sourced); rule null for pairs no rule cites") List<StackingView> stacking,
                       @Opt List<String> footnotes, @Opt @Doc("true for an illustrative measure (the plurilateral overlay's)") Boolean illustrative,
                       @Opt @Doc("the regime file and line it is written at") String source) { }

    /** {@code by}: the exclusions that carve the code out, narrowest first: a code, or "code on FILE: what the list is". */
    record Excluded(String id, String output_id, @Opt String title, List<String> by) { }

    /** A known gap of the regime's horizon: a measure or list no source holds, so not modelled. */
    record KnownGap(String id, String what, List<String> codes, @Opt String from, @Opt String to,
                    @Opt @Doc("the origins it touches (empty: every origin)") List<String> origins) { }

    record CodeView(String regime, String code, String description, boolean declarable, @Opt Object units, String date, @Opt String origin,
                    List<CodeRef> ancestors, List<BaseRate> base_rates, List<MeasureView> measures, List<Excluded> excluded,
                    List<KnownGap> known_gaps,
                    @Opt @Doc("a date past the regime's horizon or before its start, said") List<String> warnings) { }

    record Timeline(String code, String description, @Opt String origin, List<MeasureView> measures) { }

    record Change(@Opt String date, String change, String kind, String id, @Opt String detail) { }

    record Diff(String regime, String from, String to, List<Change> changes) { }

    @Doc("What the active regime adds to, removes from or changes in another: change is added, removed or changed; kind is measure, group or agreement.")
    record RegimeComparison(String regime, String against, List<Change> changes) { }

    record Commitment(@Opt String category, @Opt String party, String text, @Opt String source) { }

    record Deadline(@Opt String id, String what, @Opt String due, @Opt String status) { }

    record Agreement(String id, String name, @Opt String short_name, @Opt String kind, @Opt String status, List<String> parties,
                     List<Deadline> deadlines, List<Commitment> commitments, @Opt Boolean illustrative,
                     @Opt @Doc("its dates by event: announced, signed, in-force…") Map<String, Object> dates,
                     @Opt @Doc("the agreements it builds on, by id") List<String> builds_on, @Opt String note) { }

    @Doc("A value chain named by its id (GET /api/minerals/{id}) and name.")
    record ValueChainRef(String id, String name) { }

    @Doc("A content basis named by its id, with its name and unit.")
    record ContentBasisRef(String id, @Opt String name, @Opt String unit) { }

    @Doc("A mineral of the 2025 US List of Critical Minerals (90 FR 50494): its facts from the list, the value chains that span it "
            + "and the content bases their products are measured on, as lodestone regime minerals --json.")
    record Mineral(@Doc("lower-case, hyphenated, e.g. neodymium") String id, String name, @Opt String symbol,
                   @Opt @Doc("e.g. rare earth (lanthanide), platinum-group metal") String family,
                   @Doc("also on the 2022 list of 50") boolean on_2022_list, @Doc("added by the 2025 list") boolean new_in_2025,
                   @Opt @Doc("why the 2025 list added it") String basis_for_addition,
                   @Opt @Doc("on the draft list of 2025-08-26 (90 FR 41591); arsenic and tellurium were proposed for removal "
                           + "there and kept; null when the regime does not say") Boolean in_2025_draft_list,
                   @Opt @Doc("the list table's note, e.g. 'draft (Aug 26 2025) recommended removal; retained in final'") String note,
                   @Doc("the covered value chains that span it (none for most minerals)") List<ValueChainRef> value_chains,
                   List<ContentBasisRef> content_bases) { }

    @Doc("A product along a value chain with the HTS codes it is classified under and the content basis a duty or floor is measured on.")
    record MineralProduct(String id, String name, @Opt @Doc("ore, concentrate, intermediate, refined, metal, alloy, semi-finished, component or scrap") String stage,
                          @Doc("HTS codes as the schedule spells them") List<String> hts, @Opt String content_basis, @Opt String note,
                          @Opt @Doc("where its market quotation (price series and unit) is published, e.g. a USGS Mineral Commodity "
                                  + "Summaries 2026 chapter; null when none is cited") ProductSource source) { }

    @Doc("The citation of a product's market quotation.")
    record ProductSource(String title, @Opt String url) { }

    @Doc("A covered value chain: the minerals of the list it spans and its products.")
    record ValueChain(String id, String name, List<String> minerals, List<MineralProduct> products) { }

    @Doc("A mass of the basis is mass_fraction of its mass in the other basis.")
    record BasisConversion(String basis, @Doc("exact decimal, as a string") String mass_fraction, @Opt String note) { }

    @Doc("What a content-based duty or floor is measured on, in its customary unit.")
    record ContentBasis(String id, String name, String unit, @Opt String description, List<BasisConversion> conversions) { }

    @Doc("A mineral of the list or a value chain, as lodestone regime minerals ID --json: the mineral's summary (null for a value "
            + "chain's id), the value chains (the id's own, then those spanning the mineral) with every product, and the content bases.")
    record MineralDetail(String id, String name, @Opt Mineral mineral, List<ValueChain> value_chains, List<ContentBasis> content_bases) { }

    @Doc("A country's membership of a group: from and to inclusive, null where open (to) or before the records start (from).")
    record GroupMember(@Doc("ISO 3166 alpha-2") String country, @Opt String name, @Opt String from, @Opt String to, @Opt String source) { }

    @Doc("A country group with dated memberships, as lodestone regime groups ID --json: the members on date, or every "
            + "membership window when no date was asked.")
    record CountryGroup(String id, String name, @Opt String description, @Opt String source,
                        @Opt @Doc("the date asked, or null") String date,
                        @Doc("members on the date, or every country ever a member") int member_count, List<GroupMember> members,
                        @Doc("a date past the regime's horizon: memberships since then are not known") List<String> warnings) { }

    record OriginRule(String agreement, @Opt String title, @Opt String legal_base, String code, Object rule) { }

    record Charge(String id, String measure, String series, String type, BigDecimal amount, @Opt String calculation,
                  @Opt String legal_base, @Opt String title) { }

    record StackingView(@Opt @Doc("the stacking rule's id; null when no rule of the regime cites these pairs") String rule,
                        @Doc("output ids of the measures displaced") List<String> displaces,
                        @Opt @Doc("the legal text that says they do not stack") String citation,
                        @Opt @Doc("when no citation could be sourced: what is missing") String citation_not_sourced,
                        @Opt @Doc("where the citation was read") String source) { }

    record Stacked(@Doc("the displacing measure, as the trail names it") String by,
                   @Opt @Doc("the stacking rule; null when no rule of the regime cites the pair") String rule,
                   @Opt @Doc("the legal text that says the measures do not stack") String citation,
                   @Opt @Doc("when no citation could be sourced: what is missing") String citation_not_sourced) { }

    record TrailStep(String id, String series, String outcome, String text,
                     @Opt @Doc("on the step of a measure another displaces: each displacing measure with the stacking rule that says why") List<Stacked> stacking) { }

    @Doc("An assessment: each measure that applied with its amount, calculation and legal base; the trail of every measure considered.")
    record Assessment(String line_id, String status, String regime,
                      @Doc("the regime's version (regime.yaml version): the edition of the data the figures were made with") String regime_version,
                      String hts, String origin, String date, String currency,
                      BigDecimal customs_value, List<Charge> measures, @Opt BigDecimal total_duty, @Opt BigDecimal effective_rate,
                      @Opt BigDecimal landed_cost, List<String> documents_required, List<String> prohibitions, List<String> warnings,
                      List<TrailStep> trail) { }

    @Doc("A measure's duty over an entry's lines: its output id, name, total (the sum of the lines' rounded amounts) and the ids of the lines it was charged on.")
    record EntryMeasureTotal(String id, @Opt String title, String series, String type, BigDecimal amount, List<String> lines) { }

    @Doc("A customs entry of several lines: each line's assessment and the entry's totals, sums of the lines' rounded amounts "
            + "(docs/bulk-format.md). With a prohibited line the status is prohibited, prohibited_lines and prohibitions say which and "
            + "why, and the duty totals are null. A rule on the whole importation is decided on the entry's lines together: the "
            + "CAFTA-DR certification of origin is not required when the lines claiming P or P+ are worth US$2,500.00 or less in "
            + "all (19 CFR 10.586(a)(2); trail outcome waived); Section 321 de minimis, not modelled, is warned of on the lines "
            + "that owe duty when the entry's lines are worth US$800.00 or less in all, entered before it ended for their origin "
            + "(docs/regime-format.md, Low-value shipments).")
    record EntryAssessment(@Doc("entry") String kind, String status, String regime,
                           @Doc("the regime's version (regime.yaml version)") String regime_version, String date, String currency, int line_count,
                           BigDecimal customs_value, @Opt BigDecimal total_duty, @Opt BigDecimal effective_rate, @Opt BigDecimal landed_cost,
                           List<EntryMeasureTotal> duty_by_measure, List<String> documents_required,
                           @Doc("the ids of the prohibited lines") List<String> prohibited_lines,
                           @Doc("\"line ID: …\" for each prohibition") List<String> prohibitions,
                           @Doc("each line's warnings as \"line ID: …\" (\"lines 1, 2: …\" when several give it)") List<String> warnings,
                           List<Assessment> lines) { }

    record AssessmentCreated(long id, @Doc(MADE) String created_at, @Old String at, String link,
                             @Opt @Doc("the assessment of a one-line body (absent for an entry of several lines)") Assessment assessment,
                             @Opt @Doc("the answer for an entry of several lines (a body with lines)") EntryAssessment entry) { }

    record LedgerSummary(long id, @Doc(MADE) String created_at, @Old String at,
                         String actor, String regime, String entry_date,
                         @Doc("the HTS code; for an entry of several lines \"N lines: \" and its codes") String hts,
                         @Doc("the country of origin; for an entry of several lines its origins, comma-separated") String origin, String status,
                         @Opt BigDecimal total_duty, @Doc("how many lines the record holds (1 for a single assessment)") int lines) { }

    record LedgerEntry(long id, @Doc(MADE) String created_at, @Old String at,
                       String actor, String regime, String regime_version, Map<String, Object> request,
                       @Opt @Doc("a single assessment's result (absent for an entry of several lines)") Assessment assessment,
                       @Opt @Doc("an entry of several lines' result") EntryAssessment entry) { }

    record Side(String label, @Opt @Doc("one shipment's assessment") Assessment assessment,
                @Opt @Doc("a customs entry of several lines: its answer under this side") EntryAssessment entry) { }

    @Doc("A line of an entry's what-if: its duties in USD under each side (null for a side where it is prohibited) and b − a.")
    record EntryLineChange(String line_id, String hts, @Doc(ORIGIN_A) String origin, @Opt @Doc(ORIGIN_B) String origin_b, @Opt BigDecimal a,
                           @Opt BigDecimal b, @Opt BigDecimal change) { }

    static final String ORIGIN_A = "the country of origin as declared: side A's";
    static final String ORIGIN_B = "side B's country of origin: with_origin's TO when it moved the line, else the declared one (absent "
            + "in a what-if recorded before it was kept)";

    @Doc("One shipment, or a customs entry of several lines, under both sides; the difference is B − A (null when either side is "
            + "prohibited). Recorded as a what-if.")
    record Comparison(Side a, Side b, @Opt BigDecimal difference,
                      @Opt @Doc("an entry of several lines: each line's duties under both sides, in line order") List<EntryLineChange> lines,
                      @Doc("the recorded what-if (GET /api/whatifs/{id})") long whatif_id) { }

    @Doc("A line of a what-if whose duty changes: a and b are its duties in USD under each side, numbers as every other sum of "
            + "money (strings before API 0.2); change is b − a, signed.")
    record ChangedLine(String line_id, String hts, @Doc(ORIGIN_A) String origin, @Opt @Doc(ORIGIN_B) String origin_b, BigDecimal a, BigDecimal b,
                       BigDecimal change,
                       @Opt @Doc("the line's warnings under each side, \"A: …\" then \"B: …\" (the regime's horizon, a stale exchange rate, an "
                               + "assumption…); absent in a what-if recorded before they were kept") List<String> warnings) { }

    @Doc("A line of a what-if that was not compared: its line in the file, its id (empty when it could not be read) and why "
            + "(the reader's field: reason, or each side's rejection or prohibition, with the side).")
    record NotComparableLine(long line, String line_id, String reason) { }

    @Doc("A whole file under both sides: counts, totals (USD) and the lines that change most, largest change first, equal changes in line order.")
    record FileComparison(String a, String b, long lines, long changed, long not_comparable, BigDecimal total_a, BigDecimal total_b,
                          BigDecimal total_change, List<ChangedLine> top,
                          @Opt @Doc("the first " + lodestone.border.bulk.Comparison.NOT_COMPARABLE_NAMED + " lines not compared, in file order, "
                                  + "with why (absent in a what-if recorded before they were kept)")
                          List<NotComparableLine> not_comparable_first,
                          @Opt @Doc("each distinct warning of the file's lines with its side and the number of lines that gave it, "
                                  + "\"B: regime horizon: … (16 lines)\"; side A's first, then most lines first; absent in a what-if "
                                  + "recorded before they were kept") List<String> warnings,
                          @Opt @Doc("a what-if that moved origins (with_origin): each mapping, in the order given, with the lines it "
                                  + "moved (0: no line of the file is of that origin); absent otherwise") List<OriginMoved> origins_moved,
                          @Opt @Doc("the recorded what-if (absent in a compare job's result: the job has whatif_id)") Long whatif_id,
                          @Opt @Doc("a cancelled or failed compare job's partial result (GET /api/compare-jobs/{id}/result?partial=true): "
                                  + "which lines its figures cover and where they stop; absent in a whole file's result") String partial) { }

    @Doc("An origin mapping of a what-if (with_origin FROM=TO) and how many lines of the file it moved.")
    record OriginMoved(String from, String to, long lines) { }

    /** A bulk or compare job's status, as docs/api.md lists them. */
    static final String JOB_STATUS = "queued, running, done, failed, or cancelled (POST .../cancel: it stopped after lines_done lines)";
    static final String RETIRED = "when an administrator retired the finished job (POST …/retire, /api/jobs/retire): its uploaded file "
            + "and chunks were removed; null while they are kept";
    static final String RESUMED = "present (true) when this submission queued again the same job, which had been cancelled: it resumes "
            + "after its last committed chunk (lines_done)";

    @Doc("A compare job: a whole file's what-if in the background. lines_done grows as chunks are committed; result is set once status is done.")
    record CompareJob(long id, String file_name, String format, @Doc(JOB_STATUS) String status, String regime,
                      @Opt @Doc("the regime or date:YYYY-MM-DD compared with (absent when only origins move)") String with,
                      @Opt @Doc("the origins moved under side B, FROM=TO (absent when none)") String with_origin, int top, String submitted_by, String created_at,
                      @Opt String finished_at, long size_bytes, long lines_done, @Doc("lines assessed under both sides") long comparable,
                      @Doc("lines rejected or prohibited under either side") long not_comparable,
                      @Doc("total duty B − A over the lines done so far") BigDecimal total_change, @Opt String error, String sha256,
                      @Opt String key, @Opt Long whatif_id, @Opt FileComparison result,
                      @Opt @Doc("a cancelled or failed job's result of the lines it had done, marked partial; null otherwise") String partial_result,
                      @Opt @Doc(RETIRED + "; a done job's result stays (its what-if), a partial result is then 410 gone") String retired_at,
                      @Opt Boolean duplicate, @Opt @Doc(RESUMED) Boolean resumed) { }

    @Doc("A recorded what-if: a shipment or a file, side A (the active regime when it was made) against side B.")
    record WhatIf(long id, @Doc(MADE) String created_at, @Old String at,
                  String actor, @Doc("shipment or file") String kind, String regime, String compared_with, String subject,
                  @Opt Long job_id, @Opt BigDecimal total_a, @Opt BigDecimal total_b, @Opt BigDecimal difference) { }

    @Doc("A recorded what-if with its request and its answer as given.")
    record WhatIfDetail(long id, @Doc(MADE) String created_at, @Old String at,
                        String actor, String kind, String regime, String compared_with, String subject,
                        @Opt Long job_id, @Opt BigDecimal total_a, @Opt BigDecimal total_b, @Opt BigDecimal difference,
                        Map<String, Object> request, Map<String, Object> result) { }

    record BulkJob(long id, String file_name, String format, @Doc(JOB_STATUS) String status, String regime,
                   @Doc("the version of the regime the file is assessed under (its results name no regime)") String regime_version,
                   String submitted_by, String created_at,
                   @Opt String finished_at, long size_bytes, long lines_done, long assessed, long prohibited, long rejected,
                   @Opt BigDecimal total_duty, @Opt String error, String sha256, @Opt String key, String results, String rejects,
                   @Doc("the job's duty totals by origin, HS heading and measure: GET /api/bulk-jobs/{id}/totals") String totals,
                   @Opt @Doc("lines whose line_id an earlier line of the file had (each warned of in its row); null when the job's first "
                           + "lines were assessed by a Lodestone from before repeated ids were looked for (duplicate_ids_unchecked_lines)") Long duplicate_ids,
                   @Opt @Doc("how many of the job's first lines were assessed before Lodestone looked for repeated ids (schema 12): "
                           + "their repeats are not known; absent when every line was checked") Long duplicate_ids_unchecked_lines,
                   @Opt @Doc("the first line from which ids were no longer remembered (the file has more distinct ids than "
                           + "a run keeps): repeats of later ids are not warned of") Long duplicate_check_stopped_at,
                   @Opt @Doc("a cancelled or failed job's results of the lines it had done, marked partial; null otherwise") String partial_results,
                   @Opt @Doc("a cancelled or failed job's rejects of the lines it had done, marked partial; null otherwise") String partial_rejects,
                   @Opt @Doc(RETIRED + "; its results and rejects are then 410 gone, its totals remain") String retired_at,
                   @Opt Boolean duplicate, @Opt @Doc(RESUMED) Boolean resumed) { }

    @Doc("Which jobs to retire: every bulk and compare job that finished (done, failed or cancelled) before this day.")
    record RetireRequest(@Doc("a date, YYYY-MM-DD: jobs that finished before its 00:00 UTC") String finished_before) { }

    @Doc("A job retired: its file and results removed.")
    record RetiredJob(long id, @Doc("bulk or compare") String kind, String file_name, @Doc("the lines its results covered") long lines,
                      @Doc("the bytes of its file and results as the database stored them (compressed), indexes not counted") long bytes) { }

    @Doc("What an age policy retired: how many jobs, their lines and bytes, and each job.")
    record Retirement(String finished_before, @Doc("how many jobs were retired (0: none had finished before that day and was not retired)") long retired,
                      long lines, long bytes, List<RetiredJob> jobs) { }

    @Doc("One run of the automatic retention: the day it retired up to and what it removed, or why it could not.")
    record RetentionRun(@Doc("when it ran (UTC)") String at, @Doc("jobs that finished before this day's 00:00 UTC were due") String finished_before,
                        @Doc("how many jobs it retired") long retired, long lines, @Doc("bytes of files and results removed") long bytes,
                        @Opt @Doc("why the run failed (it is tried again at the next run); null when it did not") String error) { }

    @Doc("This server's automatic retention of finished jobs (lodestone serve --retain-jobs-days N).")
    record RetentionState(@Opt @Doc("how many days a finished job's file and results are kept; null: off, kept until an administrator retires them") Long retain_days,
                          @Opt @Doc("when the next run is due (UTC); null when off") String next_run_at,
                          @Opt @Doc("the last run since the server started; null before the first") RetentionRun last_run) { }

    record TotalByOrigin(String origin, @Doc("assessed and prohibited lines") long lines, long prohibited, BigDecimal total_duty) { }

    record TotalByHeading(@Doc("the HS heading: an HTS code's first four digits") String heading, @Doc("assessed and prohibited lines") long lines,
                          long prohibited, BigDecimal total_duty) { }

    record TotalByMeasure(@Doc("the id in the results' measures column: general, a 9903 heading, a regime measure id") String id,
                          @Doc("the regime's measure") String measure, String title, @Doc("lines charged by it") long lines,
                          BigDecimal total_duty) { }

    @Doc("A bulk job's duty totals, exact to the cent: by_origin, by_heading and by_measure each sum to total_duty (docs/bulk-format.md, \"Totals\").")
    record BulkJobTotals(long job_id, @Doc(JOB_STATUS) String status,
                         @Doc("true when the job is done: the totals are the whole file's; else those of the lines done so far") boolean complete,
                         long lines_done, long assessed, long prohibited, BigDecimal total_duty, long duplicate_ids,
                         List<TotalByOrigin> by_origin, List<TotalByHeading> by_heading, List<TotalByMeasure> by_measure) { }

    record ScenarioSummary(String name, @Opt String description, @Opt String baseline, @Opt String kind,
                           @Opt @Doc("true for a scenario with years (a path: POST /api/scenario-paths, /api/path-jobs)") Boolean horizon) { }

    record ScenarioDetail(String name, @Opt String description, String text, Map<String, Object> parameters, Map<String, Object> units,
                          List<String> minerals, List<String> regions, @Opt String baseline, List<String> policies,
                          @Opt Map<String, Object> region_members, @Opt @Doc("the regions of its price floor's club") List<String> club) { }

    record ScenarioRun(long id, @Doc(MADE) String created_at, @Old String at,
                       @Opt String actor, String scenario, Map<String, Object> parameters, String status,
                       @Opt String error, double millis, @Opt Map<String, Object> result) { }

    record RunSummary(long id, @Doc(MADE) String created_at, @Old String at,
                      String actor, String scenario, @Opt String mineral, String status, @Opt String error, double millis) { }

    record LcpAnswer(String status, @Opt List<Double> z, @Opt List<Double> w, @Opt Double residual, int pivots, @Opt String reason) { }

    record HistoryItem(String kind, long id, @Doc(MADE) String created_at, @Old String at,
                       String actor, String summary, String link, @Opt Map<String, Object> parameters) { }

    record Token(long id, String name, String role, String created_at, String created_by, @Opt String revoked_at,
                 @Doc("when its secret was last renewed (POST /api/tokens/{id}/renew); null if never") @Opt String renewed_at,
                 @Doc("who renewed it") @Opt String renewed_by) { }

    record TokenCreated(long id, String name, String role, String created_at, String created_by, @Opt String revoked_at,
                        @Opt String renewed_at, @Opt String renewed_by, String secret) { }

    record Revoked(long id, boolean revoked) { }

    // ------------------------------------------------------------------ routes

    /** A route's request body (record, or null) and answer (record, a list of one, or null for a file). */
    record Op(Class<?> body, Class<?> answer, boolean list, Object example) { }

    static final Map<String, Op> OPS = new LinkedHashMap<>();

    private static void op(String route, Class<?> body, Class<?> answer, boolean list, Object example) {
        OPS.put(route, new Op(body, answer, list, example));
    }


    /** Marker classes for the entry-shaped bodies, whose schemas come from {@link EntryFields}. */
    static final class AssessmentRequest {
        private AssessmentRequest() {
        }
    }

    /** The body of POST /api/assessments: one line (AssessmentRequest) or an entry of several lines (EntryRequest). */
    static final class AssessmentBody {
        private AssessmentBody() {
        }
    }

    static final class CompareRequest {
        private CompareRequest() {
        }
    }

    /** Fields the API fills in when a request leaves them out. */
    static final List<String> ENTRY_DEFAULTS = List.of("line_id", "entry_date", "currency");

    static final Map<String, Object> ASSESSMENT_EXAMPLE = ordered("hts", "7408.11.60", "origin", "CL", "entry_date", "2026-03-02",
            "customs_value", 10000, "quantity", 1000, "unit", "kg", "metal_content_value", 8000);

    private static Map<String, Object> withEntry(String k, Object v) {
        Map<String, Object> m = new LinkedHashMap<>(ASSESSMENT_EXAMPLE);
        m.put(k, v);
        return m;
    }

    static {
        op("GET /api/health", null, Health.class, false, null);
        op("GET /api/openapi.json", null, Any.class, false, null);
        op("GET /api/me", null, Me.class, false, null);
        op("GET /api/session", null, SessionState.class, false, null);
        op("POST /api/session", SessionRequest.class, SessionState.class, false, Map.of("token", "lst_…"));
        op("DELETE /api/session", null, SessionState.class, false, null);
        op("GET /api/regime", null, RegimeInfo.class, false, null);
        op("PUT /api/regime", RegimeSwitch.class, RegimeInfo.class, false, Map.of("regime", "bundled:plurilateral"));
        op("GET /api/regime/search", null, SearchResults.class, false, null);
        op("GET /api/regime/tree", null, Tree.class, false, null);
        op("GET /api/regime/codes/{code}", null, CodeView.class, false, null);
        op("GET /api/regime/codes/{code}/timeline", null, Timeline.class, false, null);
        op("GET /api/regime/diff", null, Diff.class, false, null);
        op("GET /api/regime/compare", null, RegimeComparison.class, false, null);
        op("GET /api/agreements", null, Agreement.class, true, null);
        op("GET /api/agreements/{id}", null, Agreement.class, false, null);
        op("GET /api/minerals", null, Mineral.class, true, null);
        op("GET /api/minerals/{id}", null, MineralDetail.class, false, null);
        op("GET /api/groups", null, CountryGroup.class, true, null);
        op("GET /api/groups/{id}", null, CountryGroup.class, false, null);
        op("POST /api/origin/check", Any.class, RouteShapes.OriginVerdict.class, false, null); // the body: docs/origin-format.md
        op("GET /api/origin/rules/{code}", null, OriginRule.class, false, null);
        op("POST /api/assessments", AssessmentBody.class, AssessmentCreated.class, false, ASSESSMENT_EXAMPLE);
        op("GET /api/assessments", null, LedgerSummary.class, true, null);
        op("GET /api/assessments/{id}", null, LedgerEntry.class, false, null);
        op("POST /api/compare", CompareRequest.class, Comparison.class, false, withEntry("with", "date:2025-06-01"));
        op("POST /api/compare-file", null, FileComparison.class, false, null);
        op("POST /api/compare-jobs", null, CompareJob.class, false, null);
        op("GET /api/compare-jobs", null, CompareJob.class, true, null);
        op("GET /api/compare-jobs/{id}", null, CompareJob.class, false, null);
        op("GET /api/compare-jobs/{id}/result", null, FileComparison.class, false, null);
        op("POST /api/compare-jobs/{id}/cancel", null, CompareJob.class, false, null);
        op("POST /api/compare-jobs/{job}/resubmit", null, CompareJob.class, false, null);
        op("POST /api/compare-jobs/{id}/retire", null, CompareJob.class, false, null);
        op("GET /api/whatifs", null, WhatIf.class, true, null);
        op("GET /api/whatifs/{id}", null, WhatIfDetail.class, false, null);
        op("POST /api/bulk-jobs", null, BulkJob.class, false, null);
        op("GET /api/bulk-sample", null, null, false, null);
        op("GET /api/bulk-jobs", null, BulkJob.class, true, null);
        op("GET /api/bulk-jobs/{id}", null, BulkJob.class, false, null);
        op("POST /api/bulk-jobs/{id}/cancel", null, BulkJob.class, false, null);
        op("POST /api/bulk-jobs/{job}/resubmit", null, BulkJob.class, false, null);
        op("POST /api/bulk-jobs/{id}/retire", null, BulkJob.class, false, null);
        op("POST /api/jobs/retire", RetireRequest.class, Retirement.class, false, Map.of("finished_before", "2026-01-01"));
        op("GET /api/jobs/retention", null, RetentionState.class, false, null);
        op("GET /api/bulk-jobs/{id}/results", null, null, false, null);
        op("GET /api/bulk-jobs/{id}/totals", null, BulkJobTotals.class, false, null);
        op("GET /api/bulk-jobs/{id}/rejects", null, null, false, null);
        op("GET /api/scenarios", null, ScenarioSummary.class, true, null);
        op("GET /api/scenarios/{name}", null, ScenarioDetail.class, false, null);
        op("POST /api/scenario-runs", ScenarioRunRequest.class, ScenarioRun.class, false,
                ordered("scenario", "ndpr-floor-110", "parameters", Map.of("floor", 120)));
        op("POST /api/lcp", LcpProblem.class, LcpAnswer.class, false, ordered("M", List.of(List.of(2, 1), List.of(1, 2)), "q", List.of(-5, -6)));
        op("GET /api/scenario-runs", null, RunSummary.class, true, null);
        op("GET /api/scenario-runs/{id}", null, ScenarioRun.class, false, null);
        op("GET /api/runs", null, HistoryItem.class, true, null);
        op("GET /api/tokens", null, Token.class, true, null);
        op("POST /api/tokens", TokenRequest.class, TokenCreated.class, false, ordered("name", "jane (analyst)", "role", "analyst"));
        op("DELETE /api/tokens/{id}", null, Revoked.class, false, null);
        op("POST /api/tokens/{id}/renew", null, TokenCreated.class, false, null);
        // the routes of finance, market paths, stockpiles and exposure: their records are in RouteShapes
        op("GET /api/ledger/verify", null, RouteShapes.Verification.class, false, null);
        op("POST /api/scenario-paths", RouteShapes.PathRequest.class, RouteShapes.PathAnswer.class, false, RouteShapes.PathRequest.EXAMPLE);
        op("POST /api/scenario-fiscal", RouteShapes.PathRequest.class, RouteShapes.FiscalTable.class, false, RouteShapes.PathRequest.EXAMPLE);
        op("POST /api/path-jobs", RouteShapes.PathJobRequest.class, RouteShapes.PathJob.class, false, RouteShapes.PathJobRequest.EXAMPLE);
        op("GET /api/path-jobs/{id}", null, RouteShapes.PathJob.class, false, null);
        op("GET /api/projects", null, RouteShapes.Projects.class, false, null);
        op("GET /api/projects/{id}", null, RouteShapes.Project.class, false, null);
        op("GET /api/projects/{id}/screening", null, RouteShapes.Screening.class, false, null);
        op("POST /api/valuations", RouteShapes.ValuationRequest.class, RouteShapes.Valuation.class, false, RouteShapes.ValuationRequest.EXAMPLE);
        op("POST /api/floor-sweeps", RouteShapes.FloorSweepRequest.class, RouteShapes.FloorSweep.class, false, RouteShapes.FloorSweepRequest.EXAMPLE);
        op("POST /api/project-files", RouteShapes.ProjectFilesRequest.class, RouteShapes.ProjectFiles.class, false, RouteShapes.ProjectFilesRequest.EXAMPLE);
        op("GET /api/floors/{market}", null, RouteShapes.Floors.class, false, null);
        op("POST /api/floors/{market}", RouteShapes.FloorsRequest.class, RouteShapes.Floors.class, false, RouteShapes.FloorsRequest.EXAMPLE);
        op("GET /api/rankings/{market}", null, RouteShapes.Ranking.class, false, null);
        op("POST /api/rankings/{market}", RouteShapes.RankingRequest.class, RouteShapes.Ranking.class, false, RouteShapes.RankingRequest.EXAMPLE);
        op("GET /api/stockpiles", null, RouteShapes.StockpileList.class, false, null);
        op("GET /api/stockpiles/{name}", null, RouteShapes.Stockpile.class, false, null);
        op("GET /api/stockpiles/{name}/events", null, RouteShapes.StockpileEventsList.class, false, null);
        op("POST /api/stockpiles/{name}/events", RouteShapes.EventsRequest.class, RouteShapes.Appended.class, false, RouteShapes.EventsRequest.EXAMPLE);
        op("GET /api/stockpiles/{name}/cover", null, RouteShapes.Cover.class, false, null);
        op("POST /api/stockpiles/{name}/cover", RouteShapes.CoverRequest.class, RouteShapes.Cover.class, false, RouteShapes.CoverRequest.EXAMPLE);
        op("POST /api/stockpiles/{name}/release", RouteShapes.ReleaseRequest.class, RouteShapes.Release.class, false, RouteShapes.ReleaseRequest.EXAMPLE);
        op("POST /api/stockpile-files", RouteShapes.LedgerFileRequest.class, RouteShapes.StockpileFromFile.class, false, RouteShapes.LedgerFileRequest.EXAMPLE);
        op("POST /api/stockpile-files/cover", RouteShapes.FileCoverRequest.class, RouteShapes.Cover.class, false, RouteShapes.FileCoverRequest.EXAMPLE);
        op("POST /api/stockpile-files/release", RouteShapes.FileReleaseRequest.class, RouteShapes.Release.class, false, RouteShapes.FileReleaseRequest.EXAMPLE);
        op("POST /api/exposure", RouteShapes.ExposureRequest.class, RouteShapes.Exposure.class, false, RouteShapes.ExposureRequest.EXAMPLE);
        op("POST /api/exposure/report", RouteShapes.ExposureRequest.class, null, false, null);
        // the years are in the query (required), so the body's example alone would be refused: none here (ApiDescriptionExamplesTest
        // checks an answer's keys with years=2027-2030)
        op("POST /api/exposure/years", RouteShapes.ExposureRequest.class, RouteShapes.ExposureYears.class, false, null);
        op("POST /api/reports", ReportBody.class, null, false, null); // the body: a saved result or a reference; the answer: HTML
    }

    private static final Map<String, String> ENTRY_DOCS = Map.ofEntries(
            Map.entry("line_id", "your id for the shipment (default 1)"),
            Map.entry("hts", "an HTS code, e.g. 7408.11.60 (a declarable 8- or 10-digit line)"),
            Map.entry("origin", "ISO 3166 alpha-2 country of origin"),
            Map.entry("entry_date", "YYYY-MM-DD (default today, in UTC)"),
            Map.entry("customs_value", "the customs value, a decimal number"),
            Map.entry("currency", "USD (default)"),
            Map.entry("quantity", "the quantity, in the unit below"),
            Map.entry("unit", "the quantity's unit: kg, t, No., …"),
            Map.entry("documents", "documents presented: codes"),
            Map.entry("production_regions", "every region (ISO 3166-2, e.g. CN-XJ) where the goods or any of their inputs were mined, "
                    + "produced or manufactured, wholly or in part: forced-labour presumptions by region (the regime's regions; "
                    + "an unknown code is refused)"),
            Map.entry("end_use", "the end use the goods are for, e.g. civil-aircraft or pharmaceutical: end-use exemptions (the "
                    + "regime's end uses; an unknown one is refused)"),
            Map.entry("bom", "a bill of materials (docs/origin-format.md), to check a preference claim"));

    /** The entry-shaped body: the bulk fields as the parser knows them; required as the parser requires them. */
    static Map<String, Object> entrySchema(boolean compare) {
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (String f : EntryFields.REQUIRED) {
            props.put(f, entryProperty(f));
            if (!ENTRY_DEFAULTS.contains(f)) required.add(f);
        }
        for (String f : EntryFields.OPTIONAL) props.put(f, entryProperty(f));
        props.put("bom", ordered("type", "object", "description", ENTRY_DOCS.get("bom")));
        if (compare) {
            props.put("with", WITH);
            props.put("with_origin", WITH_ORIGIN);
        }
        Map<String, Object> m = ordered("type", "object", "description", "a shipment in the bulk file's fields (docs/bulk-format.md)",
                "properties", props, "required", required, "additionalProperties", false);
        if (compare) m.put("anyOf", WITH_OR_ORIGIN);
        return m;
    }

    /** A what-if's side B: another regime or date, and origins moved — either or both. */
    static final Map<String, Object> WITH = ordered("type", "string", "description", "another regime (bundled:plurilateral) or "
            + "date:YYYY-MM-DD; required unless with_origin is given");
    static final Map<String, Object> WITH_ORIGIN = ordered("type", "string", "description", "FROM=TO, comma-separated for several "
            + "(CN=VN,MX=CA): side B assesses the lines of origin FROM as if from TO (country codes; each FROM once, never to itself); "
            + "a preference claim TO is not eligible for is dropped under B, with a warning; one it is eligible for is kept, its bill "
            + "of materials checked again as declared; what B assumed (a claim kept, a bill's materials of a FROM, an export country "
            + "through which the goods were shipped, production regions and producer) is said among B's warnings");
    static final List<Object> WITH_OR_ORIGIN = List.of(Map.of("required", List.of("with")), Map.of("required", List.of("with_origin")));

    /** An entry of several lines: the header fields and lines, each line in the bulk fields (CustomsEntryReader). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> entryOfLinesSchema(Map<String, Object> components) {
        Map<String, Object> line = new LinkedHashMap<>();
        List<String> lineRequired = new ArrayList<>();
        for (String f : lodestone.border.bulk.CustomsEntryReader.LINE_FIELDS) {
            if (f.equals("bom")) line.put(f, ordered("type", List.of("object", "string"), "description", ENTRY_DOCS.get("bom")));
            else line.put(f, entryProperty(f));
            if (EntryFields.REQUIRED.contains(f) && !ENTRY_DEFAULTS.contains(f)) lineRequired.add(f);
        }
        ((Map<String, Object>) line.get("line_id")).put("description", "the line's id (default: its position, from 1); unique in the entry");
        components.computeIfAbsent("EntryLine", k -> ordered("type", "object", "description", "a line of a customs entry, in the bulk "
                + "file's fields; export_country, loaded_date and documents add to or replace the header's", "properties", line,
                "required", lineRequired, "additionalProperties", false));
        Map<String, Object> props = new LinkedHashMap<>();
        for (String f : lodestone.border.bulk.CustomsEntryReader.HEADER_ONLY) props.put(f, entryProperty(f));
        for (String f : lodestone.border.bulk.CustomsEntryReader.HEADER_DEFAULTS) props.put(f, entryProperty(f));
        props.put("lines", ordered("type", "array", "minItems", 1, "maxItems", lodestone.border.EntryAssessment.MAX_LINES,
                "items", Map.of("$ref", "#/components/schemas/EntryLine")));
        return ordered("type", "object", "description", "a customs entry of several lines: the header's facts (entry date, currency and "
                        + "importer are the entry's; export country, loaded date and documents held every line's unless a line gives its own, "
                        + "documents adding up) and the lines (docs/bulk-format.md)",
                "properties", props, "required", List.of("lines"), "additionalProperties", false);
    }

    private static Map<String, Object> entryProperty(String f) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (f.equals("documents") || f.equals("production_regions")) {
            p.put("type", List.of("array", "string"));
            p.put("items", Map.of("type", "string"));
        } else if (f.equals("customs_value") || f.equals("quantity") || f.endsWith("_value") || f.equals("content_quantity")) {
            p.put("type", List.of("number", "string"));
        } else {
            p.put("type", "string");
            if (f.endsWith("_date")) p.put("format", "date");
        }
        if (ENTRY_DOCS.containsKey(f)) p.put("description", ENTRY_DOCS.get(f));
        return p;
    }

    // ------------------------------------------------------------------ records → JSON Schema

    /** A reference to the schema of type, adding it (and what it refers to) to components. */
    static Map<String, Object> schema(Class<?> type, Map<String, Object> components) {
        if (type == AssessmentBody.class) {
            components.computeIfAbsent("AssessmentRequest", k -> entrySchema(false));
            if (!components.containsKey("EntryRequest")) components.put("EntryRequest", entryOfLinesSchema(components));
            return ordered("oneOf", List.of(Map.of("$ref", "#/components/schemas/AssessmentRequest"), Map.of("$ref", "#/components/schemas/EntryRequest")));
        }
        if (type == CompareRequest.class) { // one shipment or an entry of several lines, each with "with"
            components.computeIfAbsent("CompareRequest", k -> entrySchema(true));
            if (!components.containsKey("CompareEntryRequest")) {
                Map<String, Object> entry = new LinkedHashMap<>(entryOfLinesSchema(components));
                @SuppressWarnings("unchecked")
                Map<String, Object> props = new LinkedHashMap<>((Map<String, Object>) entry.get("properties"));
                props.put("with", WITH);
                props.put("with_origin", WITH_ORIGIN);
                entry.put("properties", props);
                entry.put("required", List.of("lines"));
                entry.put("anyOf", WITH_OR_ORIGIN);
                entry.put("description", "a customs entry of several lines (as POST /api/assessments takes it) and the side to compare it with");
                components.put("CompareEntryRequest", entry);
            }
            return ordered("oneOf", List.of(Map.of("$ref", "#/components/schemas/CompareRequest"), Map.of("$ref", "#/components/schemas/CompareEntryRequest")));
        }
        if (type == AssessmentRequest.class) {
            String name = type.getSimpleName();
            components.computeIfAbsent(name, k -> entrySchema(type == CompareRequest.class));
            return Map.of("$ref", "#/components/schemas/" + name);
        }
        if (type == Any.class) return Map.of("type", "object");
        if (type == ReportBody.class) {
            String ref = "the id of a stored result whose report is made of the bytes its GET serves the caller (the same 404 for one "
                    + "that is not theirs)";
            components.computeIfAbsent("ReportByReference", k -> ordered("type", "object", "description", "a stored result by reference: "
                    + "exactly one of assessment, bulk_job, scenario_run, whatif, path_job, compare_job; nothing else", "properties", ordered(
                            "assessment", ordered("type", "integer", "description", "a ledger id, as GET /api/assessments/{id}: " + ref),
                            "bulk_job", ordered("type", "integer", "description", "a bulk job's id, as GET /api/bulk-jobs/{id}: " + ref),
                            "scenario_run", ordered("type", "integer", "description", "a scenario run's id, as GET /api/scenario-runs/{id}: " + ref),
                            "whatif", ordered("type", "integer", "description", "a recorded what-if's id, as GET /api/whatifs/{id}: " + ref),
                            "path_job", ordered("type", "integer", "description", "a path job's id, as GET /api/path-jobs/{id} (its result once done): " + ref),
                            "compare_job", ordered("type", "integer", "description", "a compare job's id, as GET /api/compare-jobs/{id} (its result "
                                    + "once done): " + ref)),
                    "minProperties", 1, "maxProperties", 1, "additionalProperties", false));
            return ordered("anyOf", List.of(Map.of("$ref", "#/components/schemas/ReportByReference"),
                    ordered("type", "object", "description", "a saved result: the JSON a command prints with --json, or the API's answer "
                            + "holding one (docs/report-format.md)")));
        }
        if (!type.isRecord()) throw new IllegalArgumentException(type + " is not a record");
        String name = type.getSimpleName();
        if (!components.containsKey(name)) {
            components.put(name, Map.of()); // placeholder against cycles
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent rc : type.getRecordComponents()) {
                // @JsonProperty cannot target a record component: Java puts it on the accessor (and field), where Jackson
                // reads it, and RecordComponent.getAnnotation never sees it (the description said "m" for "M")
                JsonProperty jp = rc.getAccessor().getAnnotation(JsonProperty.class);
                String json = jp != null ? jp.value() : rc.getName();
                boolean opt = rc.isAnnotationPresent(Opt.class);
                Map<String, Object> p = new LinkedHashMap<>(typeSchema(rc.getGenericType(), components));
                if (opt) p = nullable(p);
                Doc d = rc.getAnnotation(Doc.class);
                if (d != null) p.put("description", d.value());
                if (rc.isAnnotationPresent(Old.class)) {
                    p.put("description", OLD_AT);
                    p.put("deprecated", true);
                }
                props.put(json, p);
                if (!opt) required.add(json);
            }
            Map<String, Object> s = ordered("type", "object", "properties", props, "required", required);
            Doc d = type.getAnnotation(Doc.class);
            if (d != null) s.put("description", d.value());
            components.put(name, s);
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> nullable(Map<String, Object> p) {
        if (p.containsKey("$ref")) return ordered("oneOf", List.of(p, Map.of("type", "null")));
        Object t = p.get("type");
        if (t instanceof String s) p.put("type", List.of(s, "null"));
        else if (t == null) return p; // any value
        return p;
    }

    private static Map<String, Object> typeSchema(Type t, Map<String, Object> components) {
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return ordered("type", "array", "items", typeSchema(pt.getActualTypeArguments()[0], components));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Type v = pt.getActualTypeArguments()[1];
                return v == Object.class ? ordered("type", "object") : ordered("type", "object", "additionalProperties", typeSchema(v, components));
            }
        }
        Class<?> c = (Class<?>) t;
        if (c == String.class) return ordered("type", "string");
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return ordered("type", "integer");
        if (c == double.class || c == Double.class || c == BigDecimal.class) return ordered("type", "number");
        if (c == boolean.class || c == Boolean.class) return ordered("type", "boolean");
        if (c == Object.class) return new LinkedHashMap<>(); // any JSON value
        if (c.isRecord()) return new LinkedHashMap<>(schema(c, components));
        throw new IllegalArgumentException("no schema for " + c);
    }
}
