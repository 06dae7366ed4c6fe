package dev.callq.bench.event;

/** A payload that is not an event of the expected format. Counted by the consumer, never fatal. */
public class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }
}
