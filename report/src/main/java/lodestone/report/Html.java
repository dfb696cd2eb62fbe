package lodestone.report;

/**
 * The one way text reaches the HTML that Lodestone writes for people to hand on (the exposure report, the reports of
 * saved results): every text — a label, a figure, a warning, a name in a chart — goes through {@link #escape}, whether
 * it lands in an element's content or in a quoted attribute's value. Nothing else in the Java code writes HTML-escaped
 * text; the web application's pages have their own one path (web/kit/dom.js).
 */
public final class Html {
    private Html() { }

    /** The text with {@code & < > " '} replaced by their character references; null is the empty text. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
