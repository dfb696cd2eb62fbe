package lodestone.bench.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bulk job through a running server, timed from outside as its submitter sees it: the upload (the server stores the
 * file), then the job from queued to done, with its progress every tenth of the file. Made to measure how reading a
 * stored upload scales with its size (docs/benchmarks.md, "Reading a job's upload"): a reader whose cost per piece grows
 * with the piece's place in the file shows as each tenth taking longer than the one before.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar lodestone.bench.server.UploadJobBench --url http://127.0.0.1:PORT --token lst_… --file F.csv
 * </pre>
 * Prints one line per tenth and a last line {@code RESULT key=value …}. Exit status 0 when the job ended done.
 */
public final class UploadJobBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern LINES = Pattern.compile("\"lines_done\"\\s*:\\s*(\\d+)");

    private UploadJobBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String token = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--file" -> file = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --url, --token, --file");
            }
        }
        if (url == null || token == null || file == null) throw new IllegalArgumentException("--url, --token and --file are required");
        long lines = 0;
        try (var in = Files.lines(file)) {
            lines = in.count() - 1; // the header
        }
        HttpClient http = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(url + "/api/bulk-jobs?name=" + file.getFileName()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        double upload = (System.nanoTime() - t0) / 1e9;
        Matcher id = ID.matcher(up.body());
        if (up.statusCode() / 100 != 2 || !id.find()) throw new IllegalStateException("upload answered " + up.statusCode() + ": " + up.body());
        System.out.printf("upload of %,d bytes (%,d lines) stored in %.1f s%n", Files.size(file), lines, upload);
        long t1 = System.nanoTime();
        int tenth = 1;
        double lastMark = 0;
        String status;
        long done;
        while (true) {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/api/bulk-jobs/" + id.group(1)))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher s = STATUS.matcher(body);
            Matcher l = LINES.matcher(body);
            status = s.find() ? s.group(1) : "?";
            done = l.find() ? Long.parseLong(l.group(1)) : 0;
            double at = (System.nanoTime() - t1) / 1e9;
            while (tenth <= 10 && done >= lines * tenth / 10) {
                System.out.printf("%3d%% of the lines at %6.1f s (this tenth %5.1f s)%n", tenth * 10, at, at - lastMark);
                lastMark = at;
                tenth++;
            }
            if (!status.equals("queued") && !status.equals("running")) break;
            Thread.sleep(250);
        }
        double run = (System.nanoTime() - t1) / 1e9;
        System.out.printf("RESULT status=%s lines=%d upload_s=%.1f run_s=%.1f lines_per_s=%.0f%n", status, done, upload, run, done / run);
        System.exit(status.equals("done") ? 0 : 1);
    }
}
