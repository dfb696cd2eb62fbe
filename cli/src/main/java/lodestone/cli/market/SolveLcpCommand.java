package lodestone.cli.market;

import lodestone.cli.Failures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lodestone.market.lcp.LcpJson;
import lodestone.market.lcp.LcpResult;
import lodestone.market.lcp.LcpSolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone solve-lcp FILE}: the product's LCP solver on a matrix and vector given as JSON. */
@Command(name = "solve-lcp", mixinStandardHelpOptions = true,
        description = {"Solves a linear complementarity problem LCP(q, M) — find z ≥ 0 with w = Mz + q ≥ 0 and z·w = 0 — "
                + "by Lemke's method with a lexicographic (degeneracy-safe) ratio test, the solver of the market model.",
                "The input is JSON {\"M\": [[…], …], \"q\": […]}. The answer is JSON {\"status\": \"solved\", \"z\": […], "
                        + "\"w\": […], \"residual\": …, \"pivots\": …} where residual = max_i |min(z_i, w_i)| recomputed from "
                        + "M and q (at most 1e-9·max(1, ‖q‖∞)), or {\"status\": \"no-solution\", \"reason\": \"…\"} when the "
                        + "method ends on a ray and M is copositive-plus (which proves no solution exists), {\"status\": \"undetermined\", …} when it "
                        + "ends on a ray for another M (none found, none proven absent), or {\"status\": \"not-solved\", …} "
                        + "when it stops at its pivot limit or on a basis whose residual is above the tolerance."},
        footer = {"", "Example:",
                "  echo '{\"M\": [[2, 1], [1, 2]], \"q\": [-5, -6]}' > lcp.json",
                "  lodestone solve-lcp lcp.json",
                "  {\"status\": \"solved\", \"z\": [1.333…, 2.333…], \"w\": [0.0, 0.0], \"residual\": 0.0, \"pivots\": 3}",
                "",
                "Exit codes: 0 solved; 1 no solution, undetermined or not solved; 2 malformed input (the field and what was expected are "
                        + "named); 3 a file that does not exist or cannot be read.", Failures.EXIT_CODES})
public final class SolveLcpCommand implements Callable<Integer> {
    /** Made when first used, not when the command line is built (every command's class is loaded then: Jackson cost each run ~0.1 s). */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    @Parameters(index = "0", paramLabel = "FILE", description = "JSON file with M (an n×n array of numbers) and q (n numbers), or - for standard input.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JsonNode root;
        String file = lodestone.cli.StandardInput.name(this.file);
        try {
            byte[] bytes = lodestone.cli.StandardInput.readAllBytes(this.file);
            try {
                root = Mapper.JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return bad(file + ": not valid JSON: " + lodestone.report.JsonSyntax.describe(e, bytes), Failures.REFUSED);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return bad(file + ": no such file", Failures.ENVIRONMENT);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return bad(file + ": not valid JSON (" + e.getOriginalMessage() + ")", Failures.REFUSED);
        } catch (java.nio.charset.CharacterCodingException e) {
            return bad(file + ": not UTF-8 text", Failures.REFUSED);
        } catch (IOException e) {
            return bad(file + ": cannot be read (" + e.getMessage() + ")", Failures.ENVIRONMENT);
        }
        LcpJson.Problem p;
        try {
            p = LcpJson.parse(root, Integer.MAX_VALUE);
        } catch (LcpJson.Invalid e) {
            return bad(file + ": " + e.getMessage(), Failures.REFUSED);
        }
        LcpResult r = LcpSolver.solve(p.m(), p.q());
        Map<String, Object> out = LcpJson.answer(r, p);
        spec.commandLine().getOut().println(lodestone.cli.Json.write(out));
        spec.commandLine().getOut().flush();
        return r.solved() ? Failures.ANSWER : Failures.NO_ANSWER;
    }

    private int bad(String message, int exitCode) {
        spec.commandLine().getErr().println("lodestone solve-lcp: " + message);
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
