package lodestone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code lodestone spark …} reached through the main jar: Spark jobs run from their own jar (Spark's ~170 jars are not in
 * this one), which the {@code ./lodestone} launcher builds on first use and starts. Said plainly (reported: {@code java -jar
 * lodestone.jar spark assess x.csv} answered "Unmatched argument at index 2" and the usage of {@code assess}).
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = {"Bulk assessment and Monte Carlo sweeps as Apache Spark jobs (local mode): run through the launcher, "
                + "./lodestone spark …, which builds the Spark jar on first use (docs/spark.md)."},
        footer = {"", "Examples (from the project's folder):", "  ./lodestone spark assess examples/bulk/entries.csv --out /tmp/assessed",
                "  ./lodestone spark montecarlo gallium-2025-2035 --draws 1000 --seed 7"})
final class SparkCommand implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> args;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lodestone: spark jobs run from their own jar, not this one: run ./lodestone spark "
                + String.join(" ", args == null ? List.of() : args).strip() + " from the project's folder (docs/spark.md)");
        return Failures.REFUSED;
    }
}
