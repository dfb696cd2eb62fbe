package lodestone.cli.market;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress redrawn in place on a terminal; into a pipe or a log, plain lines at each tenth (carriage returns piled up there). */
class ProgressTest {

    private static String run(boolean terminal) {
        StringWriter w = new StringWriter();
        PathCommands.Progress p = new PathCommands.Progress(new PrintWriter(w, true), "seek floor", terminal);
        for (int i = 0; i <= 1000; i++) p.update(i / 1000.0);
        return w.toString();
    }

    @Test
    void intoAPipeAPlainLineAtEachTenthAndNoCarriageReturn() {
        String out = run(false);
        assertThat(out).doesNotContain("\r").doesNotContain("[");
        assertThat(out.lines().toList()).containsExactly("seek floor: 10 %", "seek floor: 20 %", "seek floor: 30 %", "seek floor: 40 %",
                "seek floor: 50 %", "seek floor: 60 %", "seek floor: 70 %", "seek floor: 80 %", "seek floor: 90 %", "seek floor: 100 %");
    }

    @Test
    void onATerminalABarRedrawnInPlace() {
        String out = run(true);
        assertThat(out).startsWith("\rseek floor [....................] 0 %").contains("\rseek floor [##########..........] 50 %")
                .endsWith("\rseek floor [####################] 100 %    " + System.lineSeparator());
    }
}
