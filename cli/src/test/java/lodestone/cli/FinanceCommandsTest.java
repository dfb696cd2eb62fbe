package lodestone.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** lodestone projects | value | floor | rank, end to end in-process. */
class FinanceCommandsTest {

    @Test
    void projectsListShowScreen() {
        Cli list = Cli.run("projects", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("arafura-nolans", "thacker-pass", "cyclic-kingston", "warning: only 5 annual prices");
        Cli show = Cli.run("projects", "show", "iluka-eneabba");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("Export Finance Australia", "https://nsenergybusiness.com/", "A1  NdPr ≈ 28 %");
        Cli screen = Cli.run("projects", "screen", "mp-10x", "--date", "2026-12-03");
        assertThat(screen.exit()).isZero();
        assertThat(screen.out()).contains("PASS mp-10x", "forced-labour entity lists", "not on uflpa as of 2026-12-03");
        assertThat(Cli.run("projects", "show", "nope").err()).contains("no project 'nope' in the registry");
    }

    @Test
    void valueJsonIsReproducibleAndTheSupportIsAsked() throws Exception {
        Cli a = Cli.run("value", "arafura-nolans", "--floor", "110", "--upside-share", "0.3", "--paths", "20000", "--seed", "5", "--json");
        Cli b = Cli.run("value", "arafura-nolans", "--floor", "110USD/kg", "--upside-share", "0.3", "--paths", "20000", "--seed", "5", "--json", "--threads", "1");
        assertThat(a.exit()).isZero();
        JsonNode ja = new ObjectMapper().readTree(a.out()), jb = new ObjectMapper().readTree(b.out());
        assertThat(ja.at("/npv_with/mean").asDouble()).isEqualTo(jb.at("/npv_with/mean").asDouble());
        assertThat(ja.at("/support").asText()).isEqualTo("floor 110 with 30 % of the upside returned for 10 years");
        assertThat(ja.at("/npv_with/p10").asDouble()).isGreaterThanOrEqualTo(ja.at("/npv_without/p10").asDouble() - 1e-9);
        assertThat(ja.at("/fan").size()).isEqualTo(20);
        assertThat(ja.at("/support_value_to_project/mean").asDouble()).isPositive();
        Cli text = Cli.run("value", "mp-10x", "--paths", "5000");
        assertThat(text.out()).contains("no price floor, EBITDA floor 140 M/yr for 10 years", "expected fiscal cost");
    }

    @Test
    void impossibleParametersStopBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Cli unit = Cli.run("value", "arafura-nolans", "--floor", "110000USD/t");
        assertThat(unit.exit()).isEqualTo(2);
        assertThat(unit.err()).contains("--floor: 110000USD/t is in USD/t but this market is priced in USD/kg (110000 USD/t = 110 USD/kg)");
        assertThat(unit.out()).isEmpty();
        Cli dscr = Cli.run("value", "arafura-nolans", "--dscr", "0");
        assertThat(dscr.exit()).isEqualTo(2);
        assertThat(dscr.err()).contains("--dscr: 0.0 must be > 0");
        Cli both = Cli.run("value", "arafura-nolans", "--floor", "100", "--cfd", "100");
        assertThat(both.err()).contains("give one of --floor, --cfd and --offtake");
        Files.writeString(dir.resolve("neg.yaml"), Files.readString(Cli.repo().resolve("data/projects/cyclic-kingston.yaml"))
                .replace("project: cyclic-kingston", "project: neg").replace("capacity: {value: 150, assumption: A1}", "capacity: {value: -150, assumption: A1}"));
        Cli neg = Cli.run("value", "neg", "--projects", dir.toString());
        assertThat(neg.exit()).isEqualTo(1);
        assertThat(neg.err()).contains(dir.resolve("neg.yaml") + ":15: capacity.value: -150 is out of range; expected ≥ 0", "nothing was loaded");
        Cli method = Cli.run("floor", "ndpr", "--method", "percentile:150");
        assertThat(method.exit()).isEqualTo(2);
        assertThat(method.err()).contains("--method percentile:150: P must be in (0, 100]");
    }

    @Test
    void floorAndRank() throws Exception {
        Cli f = Cli.run("floor", "ndpr", "--method", "percentile:75", "--method", "band:5:0.2", "--json");
        assertThat(f.exit()).isZero();
        JsonNode j = new ObjectMapper().readTree(f.out());
        assertThat(j.at("/methods/1/floor").asDouble()).isCloseTo(66.4, within(1e-9));
        assertThat(j.at("/methods/0/supply_brought_t").asDouble()).isGreaterThanOrEqualTo(0);
        Cli r = Cli.run("rank", "ndpr");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("a Chinese export ban cuts that by", "arafura-nolans", "t/yr per M$");
    }
}
