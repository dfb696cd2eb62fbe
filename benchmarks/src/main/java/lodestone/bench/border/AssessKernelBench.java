package lodestone.bench.border;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.BulkResult;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
import lodestone.border.Interned;
import lodestone.border.bulk.BulkAssessment;
import lodestone.border.bulk.BulkReader;
import lodestone.border.bulk.EntryFields;
import lodestone.border.bulk.EntryGenerator;
import lodestone.regime.Regime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The per-line kernel: assessing pre-parsed entries (the generator's realistic mix, rejected lines
 * left out) with the bulk path ({@code assessWithoutTrail}) and, for comparison, the explaining
 * {@code assess}. Reported per line.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar AssessKernelBench -p regime=data/regime
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class AssessKernelBench {
    static final int LINES = 65_536;

    @Param("data/regime")
    public String regime;

    Assessor assessor;
    Entry[] entries;

    @Setup
    public void setup() throws IOException {
        Regime r = Regime.open(regime);
        assessor = Assessor.compile(r);
        StringWriter w = new StringWriter();
        new EntryGenerator(r, 42).write(w, LINES * 11L / 10);
        EntryFields parser = new EntryFields();
        List<Entry> ok = new ArrayList<>();
        Map<String, Integer> cols = null;
        for (CsvRecord rec : CsvReader.builder().allowMissingFields(true).ofCsvRecord(w.toString())) {
            if (cols == null) {
                cols = new HashMap<>();
                for (int i = 0; i < rec.getFieldCount(); i++) cols.put(rec.getField(i), i);
                continue;
            }
            Map<String, Integer> c = cols;
            try {
                Entry e = parser.parse(n -> c.containsKey(n) ? rec.getField(c.get(n)) : null, rec.getStartingLineNumber());
                assessor.assess(e);
                ok.add(e);
            } catch (EntryRejected x) {
                // the kernel is measured on lines that assess
            }
            if (ok.size() == LINES) break;
        }
        entries = ok.toArray(Entry[]::new);
        // the fast path's lines as the bulk loop hands them over: read by the bulk reader itself (its cents, its interned
        // code and origin), every parsed line — an unknown code's rejection is part of the work
        fastEntries = new Entry[LINES];
        cents = new long[LINES];
        us = new long[LINES];
        metal = new long[LINES];
        hts = new Interned[LINES];
        origin = new Interned[LINES];
        plain = new boolean[LINES];
        int n = 0;
        try (BulkReader br = BulkReader.open(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)),
                BulkAssessment.Format.CSV, "generated", false)) {
            while (n < LINES && br.next()) {
                Entry e = br.entry();
                if (e == null) continue;
                fastEntries[n] = e;
                cents[n] = br.valueCents();
                us[n] = br.usContentCents();
                metal[n] = br.metalContentCents();
                hts[n] = br.htsRef();
                origin[n] = br.originRef();
                plain[n] = BulkResult.plain(e);
                n++;
            }
        }
        if (n < LINES) throw new IllegalStateException("the generated file parsed to " + n + " lines, fewer than " + LINES);
        hot = new int[LINES]; // the first 256 lines over and over: the same work with the plan data in cache
        for (int i = 0; i < LINES; i++) hot[i] = i % 256;
        spread = new int[LINES];
        for (int i = 0; i < LINES; i++) spread[i] = i;
    }

    Entry[] fastEntries;
    long[] cents;
    long[] us;
    long[] metal;
    Interned[] hts;
    Interned[] origin;
    boolean[] plain;
    int[] hot;
    int[] spread;
    final BulkResult out = new BulkResult();

    private void fast(int[] order, Blackhole bh) {
        BulkResult r = out;
        for (int i : order) {
            Entry e = fastEntries[i];
            r.given(e, cents[i], us[i], metal[i], hts[i], origin[i]);
            if (plain[i]) r.givenPlain(e.lineId(), e.entryDate(), e.unit());
            bh.consume(assessor.assessBulk(e, r));
            bh.consume(r.totalCents());
        }
    }

    /**
     * The bulk fast path ({@code assessBulk} into a reused {@link BulkResult}) as the bulk loop calls it, over 65,536
     * lines of ~5,000 codes: the plan data of a line mostly out of cache, as in a real file.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void fastPathSpread(Blackhole bh) {
        fast(spread, bh);
    }

    /** The same calls on the first 256 lines over and over: the fast path's own work, its plan data in cache. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void fastPathHot(Blackhole bh) {
        fast(hot, bh);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void bulkKernel(Blackhole bh) {
        for (Entry e : entries) bh.consume(assessor.assessWithoutTrail(e));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void explainingAssess(Blackhole bh) {
        for (Entry e : entries) {
            Assessment a = assessor.assess(e);
            bh.consume(a);
        }
    }
}
