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
 * Where and what, in our words, for the YAML refusals SnakeYAML gives without a place: a character YAML does not
 * allow (a NUL, a lone surrogate, a control character: {@link ReaderException} counts code points), lists and mappings
 * nested beyond the loader's limit, and more aliases of lists and mappings than it allows (the composer says only the limit). Every YAML file Lodestone reads (the regime's, a
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
        if (m.startsWith("Number of aliases for non-scalar nodes exceeds")) {
            int limit = options.getMaxAliasesForCollections();
            Object[] at = aliasBeyond(text, limit);
            return new Refusal((Integer) at[0], "more than " + limit + " aliases of lists or mappings (number " + (limit + 1) + " is *" + at[2]
                    + ", at column " + at[1] + "); an alias repeats what its anchor holds, so that a small file can stand for an"
                    + " immense one: write the lists and mappings out, or use fewer aliases");
        }
        return new Refusal(0, m);
    }

    /**
     * Line, column (1-based) and anchor name of the first alias of a list or mapping beyond {@code limit} (the composer
     * counts them so, and says only its setting: a "billion laughs" file was refused at no line, in the parser's words);
     * {0, 0, "?"} when none is found.
     */
    static Object[] aliasBeyond(String text, int limit) {
        java.util.Set<String> collections = new java.util.HashSet<>();
        int n = 0;
        try {
            for (Event ev : new Yaml().parse(new StringReader(text))) {
                if (ev instanceof CollectionStartEvent c && c.getAnchor() != null) {
                    collections.add(c.getAnchor());
                } else if (ev instanceof org.yaml.snakeyaml.events.AliasEvent a && collections.contains(a.getAnchor()) && ++n > limit) {
                    return new Object[]{a.getStartMark().getLine() + 1, a.getStartMark().getColumn() + 1, a.getAnchor()};
                }
            }
        } catch (YAMLException ignored) {
            // a later syntax error: the aliases were not beyond the limit before it
        }
        return new Object[]{0, 0, "?"};
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
