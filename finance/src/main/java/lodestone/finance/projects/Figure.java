package lodestone.finance.projects;

/**
 * A number from a project or market file with where it comes from: {@code source} names an entry of the
 * file's {@code sources:} (a URL and date), or {@code assumption} one of its {@code assumptions:}.
 * Every figure in the registry has one or the other; the loader refuses a bare number.
 */
public record Figure(double value, String source, String assumption, int line) {
    public String provenance() {
        return source != null ? source : assumption;
    }
}
