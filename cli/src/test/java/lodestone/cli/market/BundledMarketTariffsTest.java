package lodestone.cli.market;

import com.fasterxml.jackson.databind.JsonNode;
import lodestone.market.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static lodestone.cli.market.MarketCommandsTest.JSON;
import static lodestone.cli.market.MarketCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The US duties of the five newer bundled baselines are the bundled regime's on 2025-07-01: for each arc into the US
 * (and for arcs the files leave duty-free), {@code lodestone assess} on the form the file's header names, from a
 * country of the region, gives the file's ad valorem rate, or its specific duty per unit of the market's quantity.
 */
class BundledMarketTariffsTest {

    @ParameterizedTest(name = "{0}: {1} → US as {2}, HTS {3}")
    @CsvSource({
            // market,  region, origin, HTS,            preference
            "antimony,  CN,     CN,     2825.80.00.00,  ''",
            "antimony,  RU,     RU,     2825.80.00.00,  ''",
            "antimony,  CAS,    TJ,     2825.80.00.00,  ''",
            "antimony,  ROW,    BO,     2825.80.00.00,  ''",
            "tungsten,  CN,     CN,     2841.80.00.10,  ''",
            "tungsten,  VN,     VN,     2841.80.00.10,  ''",
            "tungsten,  EU27,   AT,     2841.80.00.10,  ''",
            "tungsten,  ROW,    KZ,     2841.80.00.10,  ''",
            "nickel,    CN,     CN,     7502.10.00.00,  ''",
            "nickel,    RU,     RU,     7502.10.00.00,  ''",
            "nickel,    CA,     CA,     7502.10.00.00,  S",
            "nickel,    ID,     ID,     7502.10.00.00,  ''",
            "nickel,    ROW,    PH,     7502.10.00.00,  ''",
            "copper,    CN,     CN,     7403.11.00.00,  ''",
            "copper,    CL,     CL,     7403.11.00.00,  CL",
            "copper,    CD,     CD,     7403.11.00.00,  ''",
            "copper,    JK,     JP,     7403.11.00.00,  ''",
            "copper,    EU27,   DE,     7403.11.00.00,  ''",
            "copper,    ROW,    KZ,     7403.11.00.00,  ''",
            "manganese, CN,     CN,     2602.00.00.40,  ''",
            "manganese, ZA,     ZA,     2602.00.00.40,  ''",
            "manganese, GA,     GA,     2602.00.00.40,  ''",
            "manganese, AU,     AU,     2602.00.00.40,  ''",
            "manganese, ROW,    GH,     2602.00.00.40,  ''"})
    void usDutiesAreTheRegimesOnTheReferenceDate(String market, String region, String origin, String hts, String preference) throws Exception {
        Map<String, Object> file = new Yaml().load(Scenario.bundledText(market));
        double adValorem = 0, specific = 0;
        int entries = 0;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tariffs = (List<Map<String, Object>>) file.getOrDefault("tariffs", List.of());
        for (Map<String, Object> t : tariffs) {
            if (!region.equals(t.get("from")) || !"US".equals(t.get("to"))) continue;
            entries++;
            adValorem = ((Number) t.getOrDefault("ad_valorem", 0)).doubleValue();
            specific = ((Number) t.getOrDefault("specific", 0)).doubleValue();
        }
        assertThat(entries).as("tariff entries %s → US in %s", region, market).isLessThanOrEqualTo(1);
        String priceUnit = String.valueOf(((Map<?, ?>) file.get("units")).get("price"));
        List<String> args = new java.util.ArrayList<>(List.of("assess", "--hts", hts, "--origin", origin, "--date", "2025-07-01",
                "--value", "100000", "--quantity", "1000", "--unit", "kg", "--json"));
        if (!preference.isEmpty()) args.addAll(List.of("--preference", preference));
        MarketCommandsTest.Run r = run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        double duty = j.get("total_duty").asDouble();
        // 1,000 kg at 100,000 USD: the file's duty on that shipment, its specific part per kg or per t as its price unit says
        double perUnit = switch (priceUnit) {
            case "USD/kg" -> 1000;
            case "USD/t" -> 1;
            default -> throw new AssertionError(market + ": price unit " + priceUnit);
        };
        assertThat(adValorem * 100000 + specific * perUnit).as("%s: duty on 1 t from %s (%s) entered 2025-07-01", market, origin, region)
                .isCloseTo(duty, within(1e-6));
    }
}
