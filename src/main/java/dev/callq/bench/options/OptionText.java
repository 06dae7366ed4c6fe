package dev.callq.bench.options;

import dev.callq.bench.driver.QueuePattern;
import dev.callq.bench.env.RedisPersistence;
import dev.callq.bench.event.PayloadFormat;
import dev.callq.bench.fault.FaultSpec;
import dev.callq.bench.load.LoadKind;
import dev.callq.bench.load.SyntheticLoad;
import dev.callq.bench.netem.RoundTrip;
import dev.callq.bench.result.Role;
import dev.callq.bench.result.Shard;
import dev.callq.bench.sip.EnqueuedEvents;
import dev.callq.bench.sip.ExternalKamailio;
import dev.callq.bench.sip.ExternalUas;
import dev.callq.bench.work.ServiceTime;
import dev.callq.bench.work.Work;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.function.Function;

/**
 * How a type that a run option holds is read from its command-line text, and written back to it: one pair per
 * type, named by an option's {@code converter = …}. Reading is how picocli types an option; writing is how a
 * forked run's file ({@link RunOptionsFile}) spells it, so that reading the file gives the same options back.
 * A type picocli reads itself (numbers, text, paths, flags) is written with {@code String.valueOf}.
 *
 * @param <T> the option's type
 */
public abstract class OptionText<T> implements ITypeConverter<T> {
    private final Function<String, T> read;
    private final Function<T, String> write;

    protected OptionText(Function<String, T> read, Function<T, String> write) {
        this.read = read;
        this.write = write;
    }

    /** The value {@code text} spells; a bad one is a one-line error naming the option, which {@link #errorMessage} prints alone. */
    @Override
    public T convert(String text) {
        try {
            return read.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadValue(e.getMessage());
        }
    }

    /**
     * A bad option's one line: the message of an {@link OptionText}, which names the option itself
     * ({@code --payload must be one of json, callid, not 'xml'}), alone; picocli's own otherwise
     * ({@code Unknown option: '--frobnicate'}).
     */
    public static String errorMessage(CommandLine.ParameterException e) {
        return e.getCause() instanceof BadValue bad ? bad.getMessage() : e.getMessage();
    }

    /** A value its type refuses, in a message that names the option. */
    static final class BadValue extends TypeConversionException {
        BadValue(String message) {
            super(message);
        }
    }

    /** {@code value} as the command line spells it. */
    @SuppressWarnings("unchecked")
    public String text(Object value) {
        return write.apply((T) value);
    }

    public static final class Load extends OptionText<LoadKind> {
        public Load() {
            super(text -> LoadKind.parse(text, "--load"), LoadKind::cliName);
        }
    }

    public static final class Pattern extends OptionText<QueuePattern> {
        public Pattern() {
            super(text -> RunOptions.parseEnum(QueuePattern.class, text, "--pattern"), QueuePattern::cliName);
        }
    }

    public static final class Payload extends OptionText<PayloadFormat> {
        public Payload() {
            super(text -> RunOptions.parseEnum(PayloadFormat.class, text, "--payload"), PayloadFormat::cliName);
        }
    }

    public static final class Service extends OptionText<ServiceTime> {
        public Service() {
            super(ServiceTime::parse, ServiceTime::spec);
        }
    }

    public static final class WorkMode extends OptionText<Work.Mode> {
        public WorkMode() {
            super(text -> RunOptions.parseEnum(Work.Mode.class, text, "--work"), Work.Mode::cliName);
        }
    }

    public static final class Arrivals extends OptionText<SyntheticLoad.Arrivals> {
        public Arrivals() {
            super(text -> RunOptions.parseEnum(SyntheticLoad.Arrivals.class, text, "--arrivals"),
                    arrivals -> arrivals.name().toLowerCase(Locale.ROOT));
        }
    }

    public static final class Events extends OptionText<EnqueuedEvents> {
        public Events() {
            super(EnqueuedEvents::parse, EnqueuedEvents::cliName);
        }
    }

    public static final class Persistence extends OptionText<RedisPersistence> {
        public Persistence() {
            super(RedisPersistence::parse, RedisPersistence::cliName);
        }
    }

    public static final class RoleText extends OptionText<Role> {
        public RoleText() {
            super(Role::parse, Role::cliName);
        }
    }

    public static final class ShardText extends OptionText<Shard> {
        public ShardText() {
            super(Shard::parse, Shard::toString);
        }
    }

    public static final class Rtt extends OptionText<RoundTrip> {
        public Rtt() {
            super(RunOptions::parseRtt, RoundTrip::toString);
        }
    }

    public static final class Kamailio extends OptionText<ExternalKamailio> {
        public Kamailio() {
            super(ExternalKamailio::parse, ExternalKamailio::toString);
        }
    }

    public static final class Uas extends OptionText<ExternalUas> {
        public Uas() {
            super(ExternalUas::parse, ExternalUas::toString);
        }
    }

    public static final class Fault extends OptionText<FaultSpec> {
        public Fault() {
            super(FaultSpec::parse, FaultSpec::toString);
        }
    }
}
