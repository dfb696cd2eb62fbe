package lodestone.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The published test problems in ../shared/testcases/market.json (read in place, never copied). */
public final class MarketCases {
    private static JsonNode cases;

    private MarketCases() {
    }

    public static Path repo() {
        String root = System.getProperty("lodestone.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        return p.toAbsolutePath().normalize();
    }

    public static synchronized JsonNode get(String name) {
        if (cases == null) {
            Path file = repo().resolveSibling("shared").resolve("testcases/market.json");
            try {
                cases = new ObjectMapper().readTree(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the published market test cases at " + file, e);
            }
        }
        JsonNode n = cases.get(name);
        if (n == null) throw new IllegalArgumentException("no case " + name + " in market.json");
        return n;
    }

    public static double[] doubles(JsonNode array) {
        double[] r = new double[array.size()];
        for (int i = 0; i < r.length; i++) r[i] = array.get(i).asDouble();
        return r;
    }

    public static double[][] matrix(JsonNode rows) {
        double[][] r = new double[rows.size()][];
        for (int i = 0; i < r.length; i++) r[i] = doubles(rows.get(i));
        return r;
    }
}
