package lodestone.report;

/**
 * JSON text indented as the web pages' "Download JSON" saves it (server/.../web/kit/download.js, {@code indentJson}):
 * without being parsed, strings and numbers copied as they are, the white space between tokens replaced — each member
 * and element on its own line, two spaces a level, {@code ": "} after a key, an empty {@code {}} or {@code []} kept on
 * one line. The file the page saves is this text and a line break, so a report can state the SHA-256 of that file
 * ({@link SavedResult#pageSha256}) without the page's copy at hand. The two must agree character for character:
 * {@code ReportDownloadBrowserTest} checks a page's download against it.
 */
public final class JsonIndent {
    private JsonIndent() {
    }

    /** The file a page saves of this JSON text: {@link #indent} and a line break. */
    public static String pageFile(String json) {
        return indent(json) + "\n";
    }

    /** The text indented; text that is not complete JSON (a bracket left open) is returned as it was, as the page does. */
    public static String indent(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 4);
        int depth = 0;
        boolean inString = false, escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
            if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                int j = i + 1;
                while (j < text.length() && isSpace(text.charAt(j))) j++;
                if (j < text.length() && text.charAt(j) == close) { // {} and [] stay on one line
                    out.append(c).append(close);
                    i = j;
                    continue;
                }
                depth++;
                out.append(c);
                newline(out, depth);
            } else if (c == '}' || c == ']') {
                depth--;
                newline(out, depth);
                out.append(c);
            } else if (c == ',') {
                out.append(',');
                newline(out, depth);
            } else if (c == ':') {
                out.append(": ");
            } else {
                out.append(c);
            }
        }
        return depth == 0 && !inString ? out.toString() : text;
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int k = 0; k < depth; k++) out.append("  ");
    }

    /** White space between JSON tokens (the page's test, /\s/, is wider only for characters JSON allows nowhere there). */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
