package lodestone.bench.border;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import lodestone.border.Assessment;
import lodestone.border.Assessor;
import lodestone.border.Entry;
import lodestone.border.EntryRejected;
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

import java.io.IOException;
import java.io.StringWriter;
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
