package lodestone.regime.geo;

import java.util.regex.Pattern;

/**
 * A subdivision of a country where goods may be mined, produced or manufactured, by its ISO 3166-2 code (CN-XJ, the
 * Xinjiang Uyghur Autonomous Region): what a forced-labour presumption by region names, and what an entry line declares
 * in its production regions. The regime lists the regions it knows (docs/regime-format.md, "Regions and end uses").
 *
 * @param code    the ISO 3166-2 code, upper case: the country's alpha-2 code, a hyphen, one to three letters or digits
 * @param country the country's alpha-2 code (the code's first part)
 * @param name    the region's name in English
 */
public record Region(String code, String country, String name) {

    private static final Pattern CODE = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    /** Whether the text is shaped as an ISO 3166-2 subdivision code (CN-XJ), upper case. */
    public static boolean wellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** The code with the region's name: "CN-XJ (Xinjiang Uyghur Autonomous Region)". */
    public String described() {
        return code + " (" + name + ")";
    }
}
