package lodestone.regime.measure;

import java.util.regex.Pattern;

/**
 * An end use an entry line may declare (the goods are for use in civil aircraft, in pharmaceutical applications) and a
 * condition may test: the regime lists the ones it knows (docs/regime-format.md, "Regions and end uses").
 *
 * @param code  the code written in regime files and entries, lower case with hyphens (civil-aircraft)
 * @param title what the end use is, in words, with the provision that defines it where there is one
 */
public record EndUse(String code, String title) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Whether the text is shaped as an end-use code: lower-case letters and digits in words joined by hyphens. */
    public static boolean wellFormed(String code) {
        return code != null && code.length() <= 64 && CODE.matcher(code).matches();
    }

    /** The code with its title: "civil-aircraft (for use in civil aircraft, HTSUS General Note 6)". */
    public String described() {
        return code + " (" + title + ")";
    }
}
