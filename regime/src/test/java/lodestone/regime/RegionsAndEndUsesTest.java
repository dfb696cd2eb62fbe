package lodestone.regime;

import lodestone.regime.measure.Test.EndUseIn;
import lodestone.regime.measure.Test.ProducedIn;
import lodestone.regime.view.RegimeViews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The regime's regions and end uses (docs/regime-format.md, "Regions and end uses"): the lists a produced-in or end-use
 * condition names and an entry declares, each code checked when the regime loads, with file, line and field.
 */
class RegionsAndEndUsesTest {
    @TempDir
    Path tmp;

    private static final String REGIONS = """
            regions:
              - {code: CN-XJ, name: Xinjiang Uyghur Autonomous Region}
              - {code: CN-GS, name: Gansu}
            """;
    private static final String END_USES = """
            end-uses:
              - {code: civil-aircraft, title: for use in civil aircraft}
              - {code: pharmaceutical, title: for use in pharmaceutical applications}
            """;
    /** The mini regime with a regions file, an end-uses file, a region prong on its uflpa and an end-use exemption on s122. */
    private MiniRegime mini(String regions, String endUses, String region, String endUse) throws IOException {
        MiniRegime m = MiniRegime.copyTo(tmp)
                .replace("regime.yaml", "  lists: [lists/uflpa-entities.csv]\n",
                        "  lists: [lists/uflpa-entities.csv]\n  regions: [regions.yaml]\n  end-uses: [end-uses.yaml]\n")
                .replace("measures.yaml", "        then: {block: on the UFLPA entity list}\n",
                        "        then: {block: on the UFLPA entity list}\n      - when: {produced-in: " + region + "}\n"
                                + "        then: {block: made in Xinjiang}\n")
                .replace("measures.yaml", "    conditions:\n      - id: \"9903.03.02\"\n",
                        "    conditions:\n      - when: {end-use: " + endUse + "}\n        then: {exempt: for the stated use}\n"
                                + "      - id: \"9903.03.02\"\n");
        Files.writeString(tmp.resolve("regions.yaml"), regions);
        Files.writeString(tmp.resolve("end-uses.yaml"), endUses);
        return m;
    }

    private static List<String> problems(MiniRegime m) {
        RegimeInvalidException e = catchThrowableOfType(RegimeInvalidException.class, m::load);
        assertThat(e).as("the regime should be refused").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    private String file(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void conditionsOnRegionsAndEndUsesLoadAndAreSaidInWords() throws IOException {
        Regime r = mini(REGIONS, END_USES, "[CN-XJ]", "[civil-aircraft, pharmaceutical]").load();
        assertThat(r.regions()).extracting(g -> g.code() + " " + g.country() + " " + g.name())
                .containsExactly("CN-XJ CN Xinjiang Uyghur Autonomous Region", "CN-GS CN Gansu");
        assertThat(r.endUses()).extracting(u -> u.code()).containsExactly("civil-aircraft", "pharmaceutical");
        var uflpa = r.measure("uflpa").orElseThrow();
        assertThat(uflpa.conditions().get(1).tests()).singleElement().isInstanceOf(ProducedIn.class);
        assertThat(RegimeViews.describe(uflpa.conditions().get(1)))
                .isEqualTo("produced (wholly or in part) in CN-XJ (Xinjiang Uyghur Autonomous Region) → block (made in Xinjiang)");
        var s122 = r.measure("s122").orElseThrow();
        assertThat(s122.conditions().get(0).tests()).singleElement().isInstanceOf(EndUseIn.class);
        assertThat(RegimeViews.describe(s122.conditions().get(0))).isEqualTo("end use is civil-aircraft (for use in civil aircraft) or "
                + "pharmaceutical (for use in pharmaceutical applications) → exempt (for the stated use)");
        // regime info lists them (the Assess page's suggestions, `regime info`)
        var info = RegimeViews.info(r);
        assertThat(info.get("regions").toString()).contains("code=CN-XJ", "country=CN", "name=Gansu");
        assertThat(info.get("end_uses").toString()).contains("code=civil-aircraft");
    }

    @Test
    void anUnknownOrMalformedRegionOrEndUseInAConditionIsRefusedAtItsLine() throws IOException {
        assertThat(problems(mini(REGIONS, END_USES, "[CN-XJ, CN-XI, cnxj]", "[civil-aircraft, space]"))).containsExactlyInAnyOrder(
                file("measures.yaml") + ":11: measures[0].conditions[1].when.produced-in[1]: unknown region 'CN-XI'; expected one of "
                        + "[CN-XJ, CN-GS] (the regime's regions files)",
                file("measures.yaml") + ":11: measures[0].conditions[1].when.produced-in[2]: 'cnxj' is not an ISO 3166-2 subdivision "
                        + "code; expected e.g. CN-XJ",
                file("measures.yaml") + ":22: measures[1].conditions[0].when.end-use[1]: unknown end use 'space'; expected one of "
                        + "[civil-aircraft, pharmaceutical] (the regime's end-uses files)");
    }

    @Test
    void anEmptyListOfRegionsIsRefused() throws IOException {
        assertThat(problems(mini(REGIONS, END_USES, "[]", "[civil-aircraft]"))).containsExactly(
                file("measures.yaml") + ":11: measures[0].conditions[1].when.produced-in: no region; expected a list of the regime's "
                        + "regions, e.g. [CN-XJ]");
    }

    @Test
    void theRegionAndEndUseListsAreCheckedWhenTheyLoad() throws IOException {
        String regions = """
                regions:
                  - {code: CN-XJ, name: Xinjiang Uyghur Autonomous Region}
                  - {code: CN-XJ, name: again}
                  - {code: XX-AB, name: nowhere}
                  - {code: CN-TOOLONG, name: too long}
                  - {code: CN-GS}
                """;
        String uses = """
                end-uses:
                  - {code: Civil Aircraft, title: spaces and capitals}
                  - {code: pharmaceutical, title: pharma}
                  - {code: pharmaceutical, title: twice}
                """;
        assertThat(problems(mini(regions, uses, "[CN-XJ]", "[pharmaceutical]"))).containsExactlyInAnyOrder(
                file("regions.yaml") + ":3: regions[1].code: region CN-XJ is listed twice",
                file("regions.yaml") + ":4: regions[2].code: region XX-AB is of an unknown country 'XX'",
                file("regions.yaml") + ":5: regions[3].code: 'CN-TOOLONG' is not an ISO 3166-2 subdivision code; expected the "
                        + "country's alpha-2 code, a hyphen and one to three capital letters or digits, e.g. CN-XJ",
                file("regions.yaml") + ":6: regions[4].name: missing; this field is required",
                file("end-uses.yaml") + ":2: end-uses[0].code: 'Civil Aircraft' is not an end-use code; expected lower-case letters "
                        + "and digits in words joined by hyphens, e.g. civil-aircraft",
                file("end-uses.yaml") + ":4: end-uses[2].code: end use pharmaceutical is listed twice");
    }

    /** A condition on fewer regions after one on more never decides: the validator says so, as for a price ladder. */
    @Test
    void aRegionConditionCoveredByAnEarlierOneIsUnreachable() throws IOException {
        MiniRegime m = mini(REGIONS, END_USES, "[CN-XJ, CN-GS]", "[civil-aircraft]")
                .replace("measures.yaml", "    then: {block: made in Xinjiang}\n",
                        "    then: {block: made in Xinjiang}\n      - when: {produced-in: CN-GS}\n        then: {block: made in Gansu}\n");
        assertThat(problems(m)).singleElement().asString().startsWith(file("measures.yaml") + ":13: when: this condition never decides: "
                + "whenever it holds, the condition at line 11 (produced (wholly or in part) in CN-XJ (Xinjiang Uyghur Autonomous Region) "
                + "or CN-GS (Gansu) → block (made in Xinjiang)) holds too");
    }
}
