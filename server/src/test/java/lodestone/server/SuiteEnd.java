package lodestone.server;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Puts away what the module's test classes share once the last of them has run, before the test JVM is asked to exit: the
 * browser ({@link Browsers#launch}) and the servers' data directories ({@link TestServer#newDataDir}). Done in JVM shutdown
 * hooks, the whole suite's ~85 directories and the browser were still being put away when Surefire's 30 s after
 * {@code System.exit} ran out, and it killed the JVM ("Surefire is going to kill self fork JVM"), leaving folders behind.
 * The hooks stay for a run that is not Surefire's (they find nothing left to do after this).
 */
public final class SuiteEnd implements TestExecutionListener {
    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        long t0 = System.nanoTime();
        Browsers.closeShared();
        long t1 = System.nanoTime();
        int dirs = TestServer.deleteDataDirs();
        System.err.printf("SuiteEnd: browser closed in %.1f s, %d data directories deleted in %.1f s%n", (t1 - t0) / 1e9, dirs,
                (System.nanoTime() - t1) / 1e9);
    }
}
