package dev.callq.bench.run;

/** Turns a service-time specification into the work each event costs. */
final class WorkFactory {
    private WorkFactory() {
    }

    static Runnable create(String serviceTime, String mode) {
        if ("none".equals(serviceTime)) {
            return () -> { };
        }
        throw new IllegalArgumentException("service time '" + serviceTime + "' is not supported");
    }
}
