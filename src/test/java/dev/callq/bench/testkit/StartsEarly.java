package dev.callq.bench.testkit;

import org.junit.jupiter.api.Order;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class that runs beside others for a minute or more: it is handed out before the rest
 * ({@code ClassOrderer.OrderAnnotation}, set in {@code junit-platform.properties}), so that the part of the suite
 * where classes run three at a time does not end with one of these still running alone (docs/development.md).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Order(StartsEarly.ORDER)
public @interface StartsEarly {
    /** Before the classes without an {@code @Order}, which count as {@link Order#DEFAULT}. */
    int ORDER = 1;
}
