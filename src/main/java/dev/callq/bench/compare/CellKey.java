package dev.callq.bench.compare;

/**
 * What makes two measured cells comparable: the same client on the same load, queue pattern, pool size
 * and offered rate. The service time is left out on purpose: it stands for the work the user's code
 * does, and slower work is exactly the regression a comparison must catch.
 */
public record CellKey(String client, String load, String pattern, int workers, String rate, String payload) {
    @Override
    public String toString() {
        return client + " " + load + " " + pattern + " w" + workers + " @" + rate + (payload.equals("json") ? "" : " " + payload);
    }
}
