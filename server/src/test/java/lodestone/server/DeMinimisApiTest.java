package lodestone.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 321 de minimis (not modelled, warned of) through the API: a $500.00 line of Viet Nam entered 2025-06-01, an entry
 * of $300.00 + $400.00 (examples/entry/sample-parcel.json) decided on its lines together, and a what-if file moved past
 * the suspension of 2025-08-29, whose side A says it and side B does not.
 */
class DeMinimisApiTest {
    static final String HEAD = "Section 321 de minimis not modelled: a shipment worth no more than $800.00 to one person on one "
            + "day could be entered under 19 U.S.C. 1321(a)(2)(C) free of the duties shown before 2025-08-29, when it ended for "
            + "goods of every origin (EO 14324 of 2025-07-30, 90 FR 37775; CBP notice, 90 FR 42418); ";
    static TestServer s;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer();
        analyst = s.post("/api/tokens", s.admin, Map.of("name", "parcel broker", "role", "analyst")).json().get("secret").asText();
    }

    @AfterAll
    static void stop() {
        if (s != null) s.close();
    }

    @Test
    void aLineAndAnEntryOfAtMost800AreWarned() throws Exception {
        JsonNode one = s.post("/api/assessments", analyst, """
                {"hts": "8505.11.00.70", "origin": "VN", "entry_date": "2025-06-01", "customs_value": 500, "quantity": 2,
                 "unit": "kg"}""").json().get("assessment");
        // 2.1 % general and the 10 % baseline: NdFeB magnets joined Annex II only from 2025-09-08 (EO 14346)
        assertThat(one.get("total_duty").decimalValue()).isEqualByComparingTo("60.50");
        List<String> w = new ArrayList<>();
        one.get("warnings").forEach(x -> w.add(x.asText()));
        assertThat(w).containsExactly(HEAD + "this line's customs value is not over $800.00 and it is assessed here as a formal "
                + "entry, taken as a shipment of its own: with other goods worth more than $800.00 in all it could not have been "
                + "(assess the entry's lines together)");

        String body = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("lodestone.root", ".."),
                "examples", "entry", "sample-parcel.json"));
        TestServer.Response r = s.post("/api/assessments", analyst, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode e = r.json().get("entry");
        assertThat(e.get("total_duty").decimalValue()).isEqualByComparingTo("51.10");
        assertThat(e.get("warnings").toString()).isEqualTo("[\"lines 1, 2: " + HEAD + "the entry's 2 lines are worth $700.00 in "
                + "all, not over $800.00, and are assessed here as a formal entry\"]");
    }

    @Test
    void aWhatIfPastTheSuspensionSaysItOnSideAOnly() {
        String file = "line_id,hts,origin,entry_date,customs_value,currency,quantity,unit\r\n"
                + "P1,8505.11.00.70,VN,2025-06-01,500.00,USD,2,kg\r\n";
        TestServer.Response r = s.upload("/api/compare-file?with=date:2025-09-01&name=parcels.csv", analyst,
                file.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<String> w = new ArrayList<>();
        r.json().get("warnings").forEach(x -> w.add(x.asText()));
        assertThat(w).singleElement().asString().startsWith("A: " + HEAD).endsWith("(1 line)");
    }
}
