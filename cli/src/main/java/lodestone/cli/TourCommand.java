package lodestone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code lodestone tour}: a guided walk through what the bundled regime knows, running the real
 * commands and saying why each step matters. The main job of a fresh checkout until the server exists.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "A guided tour of a few minutes: validates the bundled regime, then asks it real questions "
                + "(what applies to NdPr-bearing rare-earth compounds from China before and after the 2026 switch from "
                + "IEEPA to Section 122, what changed on 2026-02-24, where copper wire stands, the rare-earth value chain, who is a "
                + "CAFTA-DR party on a date, goods made in Xinjiang, the antimony market).",
        footer = {"", "Example:", "  lodestone tour"})
final class TourCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Step(String title, String why, List<String> args) { }

    static final List<Step> STEPS = List.of(
            new Step("1. Load and validate the bundled regime",
                    "The regime is data: the HTS 2026 schedule with its rates, countries and dated groups, the critical "
                            + "minerals, agreements and the 2025-2026 US measures. It loads only when every file is valid.",
                    List.of("regime", "validate")),
            new Step("2. Rare-earth compounds from China, 1 June 2025",
                    "IEEPA era: the general rate, the 20 % opioid-related IEEPA duty on China, and the reciprocal "
                            + "duty, from which rare-earth compounds are exempt (Annex II).",
                    List.of("regime", "show", "2846.90.80", "--date", "2025-06-01", "--origin", "CN")),
            new Step("3. The same goods on 2 March 2026",
                    "IEEPA duties ended on 2026-02-23; the Section 122 surcharge applies from 2026-02-24, but these "
                            + "goods are on its exemption list.",
                    List.of("regime", "show", "2846.90.80", "--date", "2026-03-02", "--origin", "CN")),
            new Step("4. What changed between 23 and 24 February 2026",
                    "The regime answers 'as of a date', so it can list what entered into force and what ended.",
                    List.of("regime", "diff", "--from", "2026-02-23", "--to", "2026-02-24")),
            new Step("5. Find a product by its description",
                    "Search the schedule's descriptions; every hit shows its place in the tree.",
                    List.of("regime", "search", "neodymium")),
            new Step("6. Copper wire from Chile on 2 March 2026",
                    "Section 232 charges 50 % on the copper content and displaces Section 122 on that portion of value.",
                    List.of("regime", "show", "7408.11.60", "--date", "2026-03-02", "--origin", "CL")),
            new Step("7. The rare-earth value chain in the schedule",
                    "Each stage from concentrate to magnet, the HTS lines it is declared under and the basis its content "
                            + "is measured in (REO, NdPr oxide): what a floor on oxide is carried to metal and magnets by.",
                    List.of("regime", "minerals", "rare-earths")),
            new Step("8. Who is a CAFTA-DR party on a date",
                    "Groups are dated: each member from the day the agreement entered into force for it — what a "
                            + "preference claim (P, P+) is checked against.",
                    List.of("regime", "groups", "CAFTA-DR", "--date", "2026-03-02")),
            new Step("9. The same rare-earth compounds, made in part in Xinjiang",
                    "The UFLPA presumption: goods mined, produced or manufactured wholly or in part in the Xinjiang Uyghur "
                            + "Autonomous Region may not be entered. A line says where its goods were made (production_regions); "
                            + "a line of China that does not is assessed, and warned.",
                    List.of("assess", "--hts", "2846.90.80.90", "--origin", "CN", "--date", "2026-03-02", "--value", "10000",
                            "--quantity", "500", "--unit", "kg", "--production-region", "CN-XJ")),
            new Step("10. A mineral market: antimony in 2025",
                    "Each bundled market is a spatial price equilibrium calibrated to the USGS figures (every figure cited "
                            + "in its file): prices, production, consumption and trade by region, and the US duties of the day.",
                    List.of("simulate", "antimony")));

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.println("Lodestone — a tour of the critical-minerals trade regime as data");
        o.println("==============================================================");
        for (Step s : STEPS) {
            o.println();
            o.println("── " + s.title());
            o.println("   " + s.why());
            o.println("   $ lodestone " + String.join(" ", s.args()));
            o.println();
            o.flush();
            CommandLine cl = Main.commandLine(s.args().toArray(new String[0]));
            cl.setOut(o);
            cl.setErr(spec.commandLine().getErr());
            int rc = cl.execute(s.args().toArray(new String[0]));
            if (rc != 0) {
                o.println("(this step exited with code " + rc + ")");
                return rc;
            }
        }
        o.println();
        o.println("Next: 'lodestone serve' for the same and more in a browser (assessments, bulk files, the regime browser,");
        o.println("market scenarios with charts); 'lodestone --help' for every command; the README's tour for more.");
        return 0;
    }
}
