package lodestone.cli.market;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static lodestone.cli.market.MarketCommandsTest.JSON;
import static lodestone.cli.market.MarketCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The welfare change by region and its accounts in `simulate`'s table, JSON and CSV (docs/scenario-format.md, "Output of
 * simulate"), on a two-region market solved by hand (WelfareAccountsTest has the closed forms; tolerance 1e-9 thousand
 * USD): US with D = 120 − p, S = p; CN with S = p; free trade at 40. A floor of 50 for the club [US] by the common levy
 * and an offtake of 10 t CN → US at 35: p_US = 50, p_CN = 20; levy 30 on the 10 t traded = 300, the offtake's margin
 * (50 − 20)·10 = 300, shared 150/150; US: ΔCS −750, ΔPS 450, levy 300, offtake 150, net 150; CN: ΔPS −600, offtake 150,
 * net −450; world −300 (= the floor alone: the offtake moves no price).
 */
class WelfareByRegionCommandTest {
    static final double TOL = 1e-9;

    static final String BASE = """
            scenario: base
            mineral: gallium
            units: {quantity: t, price: USD/kg}
            reference_year: 2025
            reference_price: 40
            regions:
              - id: US
                demand: {type: linear, intercept: 120, slope: -1}
                supply: {type: linear, intercept: 0, slope: 1}
              - id: CN
                supply: {type: linear, intercept: 0, slope: 1}
            transport: {default: 0}
            """;

    static final String FLOOR_OFFTAKE = """
            scenario: floor-offtake
            baseline: base
            club: [US]
            policies:
              - {type: price_floor, floor: 50}
              - {type: offtake, from: CN, to: US, quantity: 10, price: 35}
            """;

    @Test
    void simulateReportsEachRegionsAccountsAndTheirTotal(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path f = dir.resolve("floor-offtake.yaml");
        Files.writeString(f, FLOOR_OFFTAKE);
        MarketCommandsTest.Run r = run("simulate", f.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        JsonNode us = j.get("regions").get(0).get("welfare_change");
        JsonNode cn = j.get("regions").get(1).get("welfare_change");
        double[][] expected = {{-750, 450, 300, 0, 0, 150, 150}, {0, -600, 0, 0, 0, 150, -450}, {-750, -150, 300, 0, 0, 300, -300}};
        String[] keys = {"consumer", "producer", "public_revenue", "quota_rents", "stockpile", "offtakes", "total"};
        JsonNode[] got = {us, cn, j.get("welfare_change")};
        for (int g = 0; g < 3; g++) {
            assertThat(got[g]).as("welfare_change " + g).isNotNull();
            for (int k = 0; k < keys.length; k++) assertThat(got[g].get(keys[k]).asDouble()).as(g + " " + keys[k]).isCloseTo(expected[g][k], within(TOL));
        }
        // the table: every region's accounts and its net, and the world's line with the offtakes' margins
        String out = run("simulate", f.toString()).out();
        assertThat(out).contains("region   Δ consumer surpl. Δ producer surpl.  Δ public revenue     Δ quota rents Δ offtake margins     Δ net welfare\n"
                + "US                 -750.00            450.00            300.00                 0            150.00            150.00\n"
                + "CN                       0           -600.00                 0                 0            150.00           -450.00\n"
                + "total              -750.00           -150.00            300.00                 0            300.00           -300.00\n");
        assertThat(out).contains("total welfare change -300.00 = consumer -750.00 + producer -150.00 + public revenue net of subsidies 300.00"
                + " + quota rents 0 + offtake margins 300.00\n");
        // the CSV: the same accounts by region, and the total in summary.csv
        assertThat(run("simulate", f.toString(), "--csv", dir.resolve("out").toString()).exit()).isZero();
        String regions = Files.readString(dir.resolve("out/regions.csv"));
        assertThat(regions.lines().findFirst().orElseThrow()).endsWith(",consumer_surplus_change,producer_surplus_change,public_revenue_change,"
                + "quota_rent_change,stockpile_account_change,offtake_margin_change,welfare_change");
        assertThat(regions).contains("\n\"US\",40.0,50.0,").contains(",-750.0,450.0,300.0,0.0,0.0,150.0,150.0\n")
                .contains(",0.0,-600.0,0.0,0.0,0.0,150.0,-450.0\n");
        assertThat(Files.readString(dir.resolve("out/summary.csv"))).contains("\nwelfare_change,,-300.0,\"thousand USD\"\n");
    }
}
