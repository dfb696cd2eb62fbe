package lodestone.market;

import lodestone.regime.Regime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every result on a scenario says what it was made from — the regime (id, version, fingerprint of its files) and the
 * SHA-256 of the scenario's text with its baselines' — so that a published figure can be made again, and a bundled
 * market changed by a later release, or an edited baseline beside the file, shows. Before, a Monte Carlo, a path, a
 * tornado or a run named the scenario alone (seed and draws for Monte Carlo): the same name could stand for other data.
 */
class MadeFromTest {
    static final Regime REGIME = Regime.bundled();

    static String sha256(String text, String baselineDigest) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(text.getBytes(StandardCharsets.UTF_8));
        if (baselineDigest != null) {
            d.update((byte) 0);
            d.update(baselineDigest.getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void aResultNamesTheRegimeAndTheDigestOfTheScenarioAndItsBaseline() throws Exception {
        String ndpr = sha256(Scenario.bundledText("ndpr"), null);
        String floor = sha256(Scenario.bundledText("ndpr-floor-110"), ndpr);
        Map<String, Object> made = new java.util.LinkedHashMap<>();
        made.put("regime", "us-2026");
        made.put("regime_version", REGIME.version());
        made.put("regime_fingerprint", REGIME.fingerprint());
        made.put("scenario_sha256", floor);
        Scenario s = Scenario.bundled("ndpr-floor-110", REGIME);
        assertThat(s.madeFrom()).containsExactlyEntriesOf(made);
        assertThat(REGIME.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(Scenario.bundled("ndpr", REGIME).madeFrom().get("scenario_sha256")).isEqualTo(ndpr);
        // a one-year run, and the maps of paths, Monte Carlo and sensitivity (withUnits, as the CLI and the API answer)
        assertThat(ScenarioReport.run(s).get("made_from")).isEqualTo(made);
        Scenario path = Scenario.bundled("gallium-2025-2035", REGIME);
        Map<String, Object> mc = ScenarioReport.withUnits(MonteCarlo.run(path, 2, 1, List.of("price[US]"), List.of(), 1,
                MarketPath.Warm.COLD, null).toMap(), path);
        assertThat(List.copyOf(mc.keySet()).subList(mc.size() - 2, mc.size())).containsExactly("units", "made_from");
        assertThat(((Map<?, ?>) mc.get("made_from")).get("scenario_sha256"))
                .isEqualTo(sha256(Scenario.bundledText("gallium-2025-2035"), sha256(Scenario.bundledText("gallium"), null)));
        // a synthetic market read without the regime has nothing to name
        assertThat(Scenario.parse("scenario: x\nmineral: m\nunits: {quantity: t, price: USD/kg}\nreference_price: 1\nregions:\n"
                + "  - {id: A, countries: [US], demand: {type: fixed, quantity: 5}, supply: {type: fixed, quantity: 5}}\n", "x.yaml").madeFrom()).isEmpty();
    }

    @Test
    void anEditedBaselineBesideTheFileChangesTheDigest(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("floor.yaml");
        Files.writeString(file, Scenario.bundledText("ndpr-floor-110"));
        Object bundled = Scenario.load(file, REGIME).madeFrom().get("scenario_sha256");
        assertThat(bundled).isEqualTo(Scenario.bundled("ndpr-floor-110", REGIME).madeFrom().get("scenario_sha256"));
        Files.writeString(tmp.resolve("ndpr.yaml"), Scenario.bundledText("ndpr") + "# edited\n");
        assertThat(Scenario.load(file, REGIME).madeFrom().get("scenario_sha256"))
                .isEqualTo(sha256(Scenario.bundledText("ndpr-floor-110"), sha256(Scenario.bundledText("ndpr") + "# edited\n", null)))
                .isNotEqualTo(bundled);
    }
}
