package lodestone.store;

/**
 * A job submission refused because its owner already has the most jobs queued or running ({@link BulkJobs#submit}
 * with a limit): counted and inserted under one lock per owner, so submissions sent at once cannot all pass the count.
 */
public final class JobLimitReached extends RuntimeException {
    private final int active;

    public JobLimitReached(int active) {
        super(active + " jobs of this owner are queued or running", null, false, false);
        this.active = active;
    }

    /** How many of the owner's jobs were queued or running. */
    public int active() {
        return active;
    }
}
