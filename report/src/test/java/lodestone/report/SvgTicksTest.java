package lodestone.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's charts' tick labels on degenerate figures: every tick its own label, no "-0". */
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
}
