package dev.callq.bench.driver.redisson;

import dev.callq.bench.driver.ReplyStamp;
import org.redisson.client.codec.StringCodec;

/**
 * {@link StringCodec} that names the worker whose commands it encodes. Redisson lends a pooled connection per
 * command, so a channel belongs to no worker; the codec of the command in flight on a channel says, to
 * {@link ReplyStamping}, which stamp the command's reply marks. Redisson uses a StringCodec (and
 * so this subclass) as it is, never copying it per class loader.
 */
final class StampedCodec extends StringCodec {
    private final ReplyStamp stamp;

    StampedCodec(ReplyStamp stamp) {
        this.stamp = stamp;
    }

    ReplyStamp stamp() {
        return stamp;
    }
}
