package dev.callq.bench;

/**
 * A failure the user can act on: a missing binary, a busy port, an unreachable Redis, bad input.
 * The CLI prints its message as one line and exits non-zero, without a stack trace.
 */
public class HarnessException extends RuntimeException {
    public HarnessException(String message) {
        super(message);
    }

    public HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
