package lodestone.regime.io;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.StringReader;
import java.util.Locale;

/**
 * Where and what, in our words, for the two YAML refusals SnakeYAML gives without a place: a character YAML does not
 * allow (a NUL, a lone surrogate, a control character: {@link ReaderException} counts code points) and lists and mappings
 * nested beyond the loader's limit (the composer says only the limit). Every YAML file Lodestone reads (the regime's, a
 * scenario, a project, a ledger, a company file, the rules of origin) then refuses them at {@code file:line}.
 */
public final class YamlSyntax {
    private YamlSyntax() {
    }

    /** A refusal: the 1-based line (0 when the text gives none) and what is wrong, after "not valid YAML: ". */
    public record Refusal(int line, String message) { }

    /** The line and words for {@code e}, thrown composing {@code text} with {@code options} (not a MarkedYAMLException). */
    public static Refusal describe(YAMLException e, String text, LoaderOptions options) {
        if (e instanceof ReaderException r) {
            int[] at = lineAndColumn(text, r.getPosition());
            return new Refusal(at[0], "the character U+" + String.format(Locale.ROOT, "%04X", r.getCodePoint())
                    + " is not allowed in a YAML file (column " + at[1] + "); a NUL or a control character may be written as an escape"
                    + " in a double-quoted value, e.g. \"\\t\"");
        }
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("Nesting Depth exceeded")) {
            int limit = options.getNestingDepthLimit();
            return new Refusal(deepest(text, limit), "lists and mappings are nested deeper than " + limit + " levels");
        }
        return new Refusal(0, m);
    }

    /** Line and column (1-based) of code point {@code position} of {@code text}. */
    static int[] lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        int cp = 0;
        for (int i = 0; i < text.length() && cp < position; cp++) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[]{line, column};
    }

    /** The line where the nesting first goes deeper than {@code limit} (the parser keeps no such limit: it reads on), or 0. */
    static int deepest(String text, int limit) {
        int depth = 0;
        try {
            for (Event ev : new Yaml().parse(new StringReader(text))) {
                if (ev instanceof CollectionStartEvent) {
                    if (++depth > limit) return ev.getStartMark().getLine() + 1;
                } else if (ev instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (YAMLException ignored) {
            // a later syntax error: the depth was not exceeded before it
        }
        return 0;
    }
}
