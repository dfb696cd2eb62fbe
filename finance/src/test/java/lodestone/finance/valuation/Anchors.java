package lodestone.finance.valuation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** VALUATION_ANCHORS of the published ../shared/testcases/market.json, read in place (never copied). */
final class Anchors {
    private Anchors() {
    }

    static JsonNode get(String name) {
        String root = System.getProperty("lodestone.root");
        Path p = (root != null ? Path.of(root) : Path.of("").toAbsolutePath()).toAbsolutePath().normalize();
        for (Path d = p; d != null; d = d.getParent()) {
            Path f = d.resolveSibling("shared").resolve("testcases/market.json");
            if (Files.exists(f)) {
                try {
                    return new ObjectMapper().readTree(Files.readString(f)).get("VALUATION_ANCHORS").get(name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("shared/testcases/market.json not found above " + p);
    }
}
