package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.border.Assessor;
import lodestone.border.WhatIf;
import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.Comparison;
import lodestone.store.BulkJobs;
import lodestone.store.Store;
import lodestone.store.WhatIfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static lodestone.regime.view.RegimeViews.ordered;

/**
 * What-ifs — one shipment or a whole file assessed under the active regime and under another regime or date —
 * and the background job that compares a whole file. A compare job is a bulk job of kind {@code compare}
 * (the same table, lease, progress, owner and per-user limit, see {@link BulkWorker}): the file is compared a
 * chunk at a time ({@link Comparison#runChunked}), each chunk's figures and its own largest changes committed
 * with the job's progress, so a job interrupted at any point resumes after its last committed chunk; when the
 * last chunk is in, the chunks are merged ({@link Comparison#merge}, exactly the synchronous answer) and the
 * what-if is recorded (once) in the store, where the job's result is read from. Every what-if made through the
 * API is recorded there, with its owner: History lists them.
 */
final class CompareJobs {
    /** compare-file answers at once for uploads up to this size; larger files are compare jobs. */
    static final long SYNC_MAX_BYTES = 1L << 20;

    private final Store store;
    private final Engines engines;
    private final Retention retention;

CompareJobs(Store store, Engines engines) {
        this(store, engines, null);
    }

    /** @param retention how this server retires jobs, said when a retired job's figures are asked for (null: by administrators) */
        CompareJobs(Store store, Engines engines, Retention retention) {
        this.retention = retention;
        this.store = store;
        this.engines = engines;
    }

    /**
     * What a shipment or file is compared with: another regime, or the active one; its lines changed by {@code change}
     * (moved to another entry date, from other origins) or not. {@code otherRegime}: side B is a regime {@code with} names
     * (the active one too: its version is part of a job's identity, as it was before origins could move).
     */
    record Other(Assessor assessor, WhatIf change, String label, boolean otherRegime) { }

    /**
     * Side B from the request's {@code with} (a regime or date:YYYY-MM-DD; null when only origins move) and
     * {@code with_origin} (FROM=TO, comma-separated; null when none move): at least one is needed. A refusal names the
     * request's field.
     */
    Other other(String with, String withOrigin, String spec, Assessor base) {
        if (with == null && withOrigin == null) throw ApiError.badRequest("with", "with: missing; expected a regime (bundled:plurilateral) "
                + "or date:YYYY-MM-DD, or with_origin: FROM=TO (e.g. CN=VN)");
        Assessor b = base;
        WhatIf change = WhatIf.NONE;
        String label = spec;
        if (with != null && with.startsWith("date:")) {
            change = WhatIf.on(Call.parseDate("with", with.substring(5)));
            label = spec + " on " + change.date();
        } else if (with != null) {
            b = engines.named("with", with);
            label = with;
        }
        if (withOrigin != null) {
            try {
                change = change.withOrigins(WhatIf.parseOrigins(List.of(withOrigin), base.regime().geography(), b.regime().geography(),
                        "with_origin"));
            } catch (WhatIf.Refused e) {
                throw ApiError.badRequest("with_origin", e.getMessage());
            }
            label = label + ", origin " + change.originText();
        }
        return new Other(b, change, label, with != null && !with.startsWith("date:")); // (a regime named: even the active one)
    }

    /**
     * A compare job's parameters: the canonical text stored with the job, part of its identity — so the same file
     * compared with something else, after an administrator switched the active regime (side A), or after either side's
     * regime changed its version (a folder edited, a new bundled release), is another job.
     */
    static String params(String activeSpec, String activeVersion, String with, String withOrigin, String withVersion, int top) {
        Map<String, Object> m = ordered("a", activeSpec, "a_version", activeVersion, "with", with, "with_version", withVersion, "top", top);
        // only when origins move: a job without is the same job (the same parameters' text) as one submitted before they could
        if (withOrigin != null) m.put("with_origin", withOrigin);
        return Server.json(m);
    }

    /** A stored job's text parameter, or null when absent or null. */
    private static String text(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ------------------------------------------------------------------ recording

    /** A what-if of one shipment ({@code kind} shipment) or of a customs entry of several lines (entry), as asked. */
    WhatIfs.WhatIf recordShipment(Call c, String kind, String spec, String label, String subject, BigDecimal a, BigDecimal b, JsonNode request,
                                  Map<String, Object> answer) {
        return store.whatIfs().record(new WhatIfs.NewWhatIf(c.actor(), c.owner(), kind, spec, label, subject, null, a, b,
                a == null || b == null ? null : b.subtract(a), Server.json(request), Server.json(answer)));
    }

    WhatIfs.WhatIf recordFile(String actor, Long owner, String spec, String label, String fileName, Long jobId, Map<String, Object> request,
                              Comparison.Result r, Map<String, Object> answer) {
        return store.whatIfs().record(new WhatIfs.NewWhatIf(actor, owner, "file", spec, label, fileName, jobId, r.totalA(), r.totalB(),
                r.totalB().subtract(r.totalA()), Server.json(request), Server.json(answer)));
    }

    // ------------------------------------------------------------------ the job, run by the bulk worker

    /**
     * Runs (or resumes) a compare job from its next chunk, then merges, records and finishes it. A file that
     * cannot be compared (header, encoding) or a regime no longer known fails the job with the reason.
     */
    void run(BulkJobs.Job job, BooleanSupplier stopping) throws IOException {
        BulkJobs jobs = store.bulkJobs();
        JsonNode p = Server.JSON.readTree(job.params());
        String with = text(p, "with");
        String withOrigin = text(p, "with_origin");
        int top = p.get("top").asInt();
        Other o;
        try {
            Assessor base = engines.assessor(job.regime());
            o = other(with, withOrigin, job.regime(), base);
            try (InputStream in = jobs.input(job.id())) {
                Comparison.runChunked(base, o.assessor(), o.change(), in, job.fileName(), top, false,
                        lodestone.border.bulk.BulkReader.UnknownAdvice.SERVER, job.chunkSize(), job.chunksDone(), part -> {
                    if (stopping.getAsBoolean()) throw new java.io.InterruptedIOException("the server is stopping");
                    jobs.commitChunk(job.id(), new BulkJobs.ChunkResult(part.chunkNo(), part.firstRecord(), (int) part.lines(),
                            (int) (part.lines() - part.notComparable()), 0, (int) part.notComparable(),
                            part.totalB().subtract(part.totalA()), Server.json(part), ""));
                });
            }
        } catch (ApiError | BulkAssessment.BulkFileException e) {
            jobs.fail(job.id(), e.getMessage());
            return;
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof java.nio.charset.CharacterCodingException)) throw e;
            jobs.fail(job.id(), job.fileName() + ": cannot be read as UTF-8 CSV text (it is not UTF-8; save it as UTF-8)");
            return;
        }
        // cancelled after its last chunk was committed: no what-if is recorded (the worker says it was cancelled)
        if (jobs.get(job.id()).map(j -> j.status() == BulkJobs.Status.CANCELLED).orElse(false)) return;
        List<Comparison.Partial> parts = new ArrayList<>();
        for (String text : jobs.chunkResults(job.id())) parts.add(Server.JSON.readValue(text, Comparison.Partial.class));
        Comparison.Result r = Comparison.merge(parts, top);
        recordFile(job.submittedBy(), job.owner(), job.regime(), o.label(), job.fileName(), job.id(),
                request(with, withOrigin, top, job.fileName(), job.sha256(), job.sizeBytes()), r, r.toJson(job.regime(), o.label()));
        jobs.finish(job.id());
    }

    /** A file what-if's request as recorded: with_origin only when origins moved. */
    static Map<String, Object> request(String with, String withOrigin, int top, String name, String sha256, long size) {
        Map<String, Object> m = ordered("with", with);
        if (withOrigin != null) m.put("with_origin", withOrigin);
        m.putAll(ordered("top", top, "name", name, "sha256", sha256, "size_bytes", size));
        return m;
    }

    // ------------------------------------------------------------------ views

    /** A compare job as the API shows it; its result once it is done (from the recorded what-if). */
    Map<String, Object> view(BulkJobs.Job j) {
        String with = "";
        String withOrigin = null;
        int top = 0;
        try {
            JsonNode p = Server.JSON.readTree(j.params());
            with = text(p, "with");
            withOrigin = text(p, "with_origin");
            top = p.get("top").asInt();
        } catch (IOException e) {
            throw new IllegalStateException("compare job " + j.id() + ": unreadable parameters", e);
        }
        Map<String, Object> m = ordered("id", j.id(), "file_name", j.fileName(), "format", j.inputFormat(),
                "status", j.status().name().toLowerCase(Locale.ROOT), "regime", j.regime(), "with", with, "with_origin", withOrigin, "top", top, "submitted_by", j.submittedBy(), "created_at", j.createdAt().toString(),
                "finished_at", j.finishedAt() == null ? null : j.finishedAt().toString(), "size_bytes", j.sizeBytes(),
                "lines_done", j.linesDone(), "comparable", j.assessed(), "not_comparable", j.rejected(), "total_change", j.totalDuty(),
                "error", j.error(), "sha256", j.sha256(), "key", j.key().isEmpty() ? null : j.key());
        WhatIfs.WhatIf w = j.status() == BulkJobs.Status.DONE ? store.whatIfs().forJob(j.id()).orElse(null) : null;
        m.put("whatif_id", w == null ? null : w.id());
        try {
            m.put("result", w == null ? null : result(w));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // a job that ended short of its file (cancelled, failed) after some lines: their figures are offered, marked partial
        m.put("partial_result", Api.partialOffered(j) ? "/api/compare-jobs/" + j.id() + "/result?partial=true" : null);
        m.put("retired_at", j.retiredAt() == null ? null : j.retiredAt().toString());
        return m;
    }

    /**
     * GET /api/compare-jobs/{id}/result: a done job's result (its recorded what-if's); with {@code partial=true}, of a job
     * cancelled or failed after some chunks, the merge of those chunks — what comparing the file's first lines answers — with
     * {@code partial} saying so (and the header X-Lodestone-Partial). Anything else is 409, saying where the result is.
     */
    Map<String, Object> result(Call c, BulkJobs.Job j) throws IOException {
        boolean partialAsked = "true".equals(c.query("partial"));
        if (j.status() == BulkJobs.Status.DONE) {
            WhatIfs.WhatIf w = store.whatIfs().forJob(j.id())
                    .orElseThrow(() -> new IllegalStateException("compare job " + j.id() + " is done without its what-if"));
            if (w.exact()) return StoredJson.readObject(w.resultJson());
            return Server.JSON.convertValue(result(w), Server.JSON.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class, Object.class));
        }
        // a retired job's chunks are gone (a done job's result above is its what-if, which stays)
        if (j.retired()) throw Api.retiredGone(j, "figures", retention);
        String status = j.status().name().toLowerCase(Locale.ROOT);
        if (!(partialAsked && Api.partialOffered(j))) {
            String link = "/api/compare-jobs/" + j.id() + "/result?partial=true";
            throw new ApiError(409, "not_ready", "compare job " + j.id() + " is " + status
                    + (Api.partialOffered(j) ? (j.status() == BulkJobs.Status.FAILED ? ": " + j.error() + "; " : " after " + j.linesDone() + " lines; ")
                        + "its result is not complete: GET " + link + " gives the figures of the " + j.linesDone() + " lines it had done, marked partial"
                        + (j.status() == BulkJobs.Status.CANCELLED ? " (or submit the same file again to resume it)" : "")
                    : j.status() == BulkJobs.Status.FAILED ? ": " + j.error()
                    : j.status() == BulkJobs.Status.CANCELLED ? " after 0 lines: it has no result (submit the same file again to resume it)"
                    : "; its result is ready when it is done"), partialAsked ? "partial" : null);
        }
        JsonNode p = Server.JSON.readTree(j.params());
        String with = text(p, "with");
        String withOrigin = text(p, "with_origin");
        String label;
        try {
            label = other(with, withOrigin, j.regime(), engines.assessor(j.regime())).label();
        } catch (ApiError e) {
            label = with != null ? with : j.regime(); // a regime no longer offered: named as the job named it
        }
        List<Comparison.Partial> parts = new ArrayList<>();
        for (String text : store.bulkJobs().chunkResults(j.id())) parts.add(Server.JSON.readValue(text, Comparison.Partial.class));
        Map<String, Object> m = new java.util.LinkedHashMap<>(Comparison.merge(parts, p.get("top").asInt()).toJson(j.regime(), label));
        String said = partialSaid(j);
        m.put("partial", said);
        c.ctx.header("X-Lodestone-Partial", said);
        return m;
    }

    /** What a partial result covers and why it stops there, in the file's own line numbers (a CSV's header is its line 1). */
    static String partialSaid(BulkJobs.Job j) {
        long first = "csv".equals(j.inputFormat()) ? 2 : 1;
        long last = first + j.linesDone() - 1;
        return "the job was " + j.status().name().toLowerCase(Locale.ROOT) + " after " + j.linesDone() + " lines: these figures cover the"
                + " first " + j.linesDone() + " entries, the file's lines " + first + " to " + last + (first == 2 ? " (line 1 is its header)" : "")
                + "; lines " + (last + 1) + " on were not compared, and no what-if was recorded";
    }

    /** A recorded what-if in a list (without its request and result). */
    static Map<String, Object> summary(WhatIfs.WhatIf w) {
        return ordered("id", w.id(), "created_at", w.at().toString(), "at", w.at().toString(), "actor", w.actor(), "kind", w.kind(), "regime", w.regime(),
                "compared_with", w.comparedWith(), "subject", w.subject(), "job_id", w.jobId(), "total_a", w.totalA(),
                "total_b", w.totalB(), "difference", w.difference());
    }

    /** A recorded what-if with what was asked and answered. */
    static Map<String, Object> detail(WhatIfs.WhatIf w) {
        Map<String, Object> m = summary(w);
        try {
            // the bytes the comparison answered, for a what-if recorded since they are kept so; one recorded before as before
            m.put("request", w.exact() ? StoredJson.read(w.requestJson()) : Server.STORED_JSON.readTree(w.requestJson()));
            m.put("result", result(w));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    /**
     * A recorded what-if's answer as the API answers it today: a file's {@code top} lines recorded before their duties
     * {@code a} and {@code b} were numbers (they were strings) are read back with numbers, so every what-if has one shape.
     */
    static Object result(WhatIfs.WhatIf w) throws IOException {
        if (w.exact()) return StoredJson.readObject(w.resultJson()); // the bytes it answered: recorded since they are kept so
        JsonNode r = Server.STORED_JSON.readTree(w.resultJson());
        JsonNode top = r.get("top");
        if (top != null && top.isArray()) {
            for (JsonNode line : top) {
                if (!(line instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) continue;
                for (String side : List.of("a", "b")) {
                    JsonNode v = o.get(side);
                    if (v != null && v.isTextual() && !v.asText().isEmpty()) o.put(side, new BigDecimal(v.asText()));
                }
            }
        }
        return r;
    }

    /** The line History shows for a what-if. */
    static String historyLine(WhatIfs.WhatIf w) {
        String change = w.difference() == null ? "not comparable"
                : (w.difference().signum() > 0 ? "+" : w.difference().signum() < 0 ? "-" : "") + "USD " + Api.usd(w.difference().abs());
        return (w.kind().equals("file") ? "file " : "") + w.subject() + ": " + w.regime() + " → " + w.comparedWith() + ": " + change;
    }
}
