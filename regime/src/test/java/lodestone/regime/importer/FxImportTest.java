package lodestone.regime.importer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exchange rates are imported from every table that holds them: the 2025-2026 table and the table of rates
 * after 2026-09-29 (tariffs_2026h2/fx_rates_2026q4.csv). The importer used to read the first only, so a rate the
 * sources add after 2026-09-29 would have been left out of the regime without a word.
 */
class FxImportTest {
    static final String HEADER = "date,currency,units_per_usd,usd_per_unit,observation,source\n";

    @Test
    void aRateOfTheLaterTableReachesTheRegime(@TempDir Path dir) throws IOException {
        Path early = Files.writeString(dir.resolve("fx_rates_2025_2026.csv"), HEADER
                + "2026-09-29,EUR,0.880227,1.136072,daily_snapshot,npm snapshot\n"
                + "2026-09-29,GTQ,7.6612,0.130528,daily_snapshot,npm snapshot\n");
        Path later = Files.writeString(dir.resolve("fx_rates_2026q4.csv"), HEADER
                + "2026-11-02,EUR,0.87,1.149425,daily_snapshot,npm snapshot\n");
        Path out = dir.resolve("regime");
        RegimeImporter imp = new RegimeImporter(out, s -> { });
        imp.importFx(early, later);
        RegimeImporter.Summary s = imp.commit();

        List<String> rows = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("generated/fx-rates.csv"))) if (!l.startsWith("#")) rows.add(l);
        // each rate as the source quotes it, units per US dollar (its usd_per_unit is worked out from it, rounded)
        assertThat(rows).containsExactly("date,currency,units_per_usd,usd_per_unit,observation,source",
                "2026-09-29,EUR,0.880227,,daily_snapshot,currency-api snapshot",
                "2026-09-29,GTQ,7.6612,,daily_snapshot,currency-api snapshot",
                "2026-11-02,EUR,0.87,,daily_snapshot,currency-api snapshot");
        assertThat(Files.readString(out.resolve("generated/fx-rates.csv")))
                .contains("source files fx_rates_2025_2026.csv, fx_rates_2026q4.csv.");
        assertThat(s.lines()).contains("exchange rates: 3 (fx_rates_2025_2026.csv 2 through 2026-09-29; "
                + "fx_rates_2026q4.csv 1 through 2026-11-02)");
    }

    /**
     * Reported by a customs broker's review: the regime held the table's usd_per_unit, an inversion rounded to six digits
     * (JPY 2026-03: 0.00630188 where 1/158.683 = 0.0063018723…). The rate is carried as the source quotes it; a row with only
     * usd_per_unit keeps it in its own column, and a row with neither is refused.
     */
    @Test
    void theRateIsCarriedAsTheSourceQuotesIt(@TempDir Path dir) throws IOException {
        Path t = Files.writeString(dir.resolve("fx.csv"), HEADER
                + "2026-03-01,JPY,158.683,0.00630188,monthly_average,FRED EXJPUS\n"
                + "2026-03-01,EUR,,1.15567,monthly_average,FRED EXUSEU\n");
        Path out = dir.resolve("regime");
        RegimeImporter imp = new RegimeImporter(out, s -> { });
        imp.importFx(t);
        imp.commit();
        assertThat(Files.readAllLines(out.resolve("generated/fx-rates.csv"))).filteredOn(l -> !l.startsWith("#")).containsExactly(
                "date,currency,units_per_usd,usd_per_unit,observation,source",
                "2026-03-01,JPY,158.683,,monthly_average,FRED", "2026-03-01,EUR,,1.15567,monthly_average,FRED");
        Path none = Files.writeString(dir.resolve("none.csv"), HEADER + "2026-03-01,KRW,,,monthly_average,FRED EXKOUS\n");
        RegimeImporter refused = new RegimeImporter(dir.resolve("regime2"), s -> { });
        assertThatThrownBy(() -> refused.importFx(none)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exchange rate 2026-03-01 KRW monthly_average has neither units_per_usd nor usd_per_unit: none.csv data row 1");
        refused.abandon();
    }

    @Test
    void theSameRateInBothTablesIsRefusedWithBothPlaces(@TempDir Path dir) throws IOException {
        Path early = Files.writeString(dir.resolve("a.csv"), HEADER
                + "2026-09-01,EUR,0.88,1.136,daily_snapshot,x\n2026-09-29,EUR,0.880227,1.136072,daily_snapshot,x\n");
        Path later = Files.writeString(dir.resolve("b.csv"), HEADER + "2026-09-29,EUR,0.9,1.11,daily_snapshot,y\n");
        RegimeImporter imp = new RegimeImporter(dir.resolve("regime"), s -> { });
        assertThatThrownBy(() -> imp.importFx(early, later)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exchange rate 2026-09-29 EUR daily_snapshot is given twice: a.csv data row 2 and b.csv data row 1");
        imp.abandon();
    }

    @Test
    void aMissingTableIsRefused(@TempDir Path dir) throws IOException {
        Path early = Files.writeString(dir.resolve("a.csv"), HEADER);
        RegimeImporter imp = new RegimeImporter(dir.resolve("regime"), s -> { });
        assertThatThrownBy(() -> imp.importFx(early, dir.resolve("fx_rates_2026q4.csv")))
                .hasMessageStartingWith("source table not found: ");
        imp.abandon();
    }
}
