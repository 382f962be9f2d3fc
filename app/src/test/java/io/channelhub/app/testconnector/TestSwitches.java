package io.channelhub.app.testconnector;

/** Lets a test "fix" the test connector, as a deployment would fix a real one. */
public final class TestSwitches {
    /** While true, messages marked poison make the normalizer throw. */
    public static volatile boolean poisonFails = true;

    private TestSwitches() {
    }
}
