package lodestone.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's charts on degenerate figures: every tick its own label, no "-0"; a long category name inside the chart. */
class SvgTicksTest {
    private static final Pattern TICK = Pattern.compile("<text [^>]*text-anchor=\"(?:middle|end)\">([^<]*)</text>");

    private static List<String> ticks(String svg) {
        Matcher m = TICK.matcher(svg);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void aFlatPriceDecksNpvHistogramLabelsEachTickItsOwnValue() {
        // a price deck held flat: every path at 1,908.98, the bins ±1 around it; its ticks read 1,908, 1,908, 1,909, 1,909, 1,910
        String svg = Svg.histogram("NPV", 1907.98, 1909.98, List.of("with support", "without"), List.of(new long[40], new long[40]));
        assertThat(ticks(svg)).containsExactly("1,908.0", "1,908.5", "1,909.0", "1,909.5", "1,910.0");
    }

    @Test
    void aNarrowNegativeLineKeepsItsTicksApartAndWideOnesAreAsBefore() {
        // a fan 0.2 wide around -1,000.3 (padded by 5 % each side): five ticks that read -1,000 before
        String narrow = Svg.lines("fan", List.of("2025", "2026"), List.of(), List.of(new Svg.Series("median", new Double[]{-1000.4, -1000.2})));
        assertThat(ticks(narrow).subList(0, 5)).containsExactly("-1,000.41", "-1,000.36", "-1,000.30", "-1,000.25", "-1,000.19");
        assertThat(Svg.tickLabels(0, 250, 500, 750, 1000)).containsExactly("0", "250.0", "500.0", "750.0", "1,000");
        assertThat(Svg.tickLabels(-0.00001, 0.5)).containsExactly("0.0000", "0.5000");
    }

    @Test
    void aLongParameterNameWidensTheLabelColumnAndALongerOneWraps() {
        // a bundled tornado's parameter: at x 184, right-aligned, its 32 characters (222 px in Chromium) began at x -38, "projec" cut off
        String tornado = Svg.ranges("tornado", List.of("project.White-Mesa-Phase-2.delay", "demand_growth"),
                List.of(java.math.BigDecimal.ONE, java.math.BigDecimal.ONE), List.of(java.math.BigDecimal.TWO, java.math.BigDecimal.TWO), java.math.BigDecimal.ONE);
        assertThat(tornado).contains("<text x=\"246.0\" y=\"17.0\" text-anchor=\"end\">project.White-Mesa-Phase-2.delay</text>")
                .contains("<rect x=\"252.0\""); // the bars start after the column
        // past 300 px the column stops growing: the name wraps, at its dots and dashes
        String name = "market=gallium-ban,from=2026-06-01,to=2027-06-01,with=stockpile-release-of-70-t";
        assertThat(Svg.wrap(name, 38)).containsExactly("market=gallium-ban,from=2026-06-01,", "to=2027-06-01,with=stockpile-release-", "of-70-t");
        String bars = Svg.bars("floors", List.of(name), List.of("floor"), List.<java.math.BigDecimal[]>of(new java.math.BigDecimal[]{java.math.BigDecimal.TEN}));
        assertThat(bars).contains("<text x=\"294.0\" y=\"11.0\" text-anchor=\"end\"><tspan x=\"294.0\">market=gallium-ban,from=2026-06-01,</tspan>"
                + "<tspan x=\"294.0\" dy=\"15\">to=2027-06-01,with=stockpile-release-</tspan><tspan x=\"294.0\" dy=\"15\">of-70-t</tspan></text>");
        assertThat(bars).contains("viewBox=\"0 0 720 63\""); // three lines of 15 px, 8 px to the next, 10 px under: the chart grows to hold them
    }
}
