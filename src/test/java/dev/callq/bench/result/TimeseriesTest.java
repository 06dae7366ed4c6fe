package dev.callq.bench.result;

import dev.callq.bench.HarnessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-second time series: what the writer writes the reader reads, by column name, old files included. */
class TimeseriesTest {
    @TempDir
    Path tmp;

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        Path csv = Timeseries.file(tmp, "jedis");
        try (Timeseries.Writer writer = new Timeseries.Writer(csv)) {
            writer.append(new Timeseries.Second(100, 1999.96, 3, 850));
            writer.append(new Timeseries.Second(101, 2000.0, 0, 900));
        }

        assertThat(Files.readAllLines(csv)).containsExactly("epochSecond,consumedPerSec,backlog,p99EnqueueToDequeueMicros",
                "100,2000.0,3,850", "101,2000.0,0,900");
        assertThat(Timeseries.read(csv)).containsExactly(new Timeseries.Second(100, 2000.0, 3, 850),
                new Timeseries.Second(101, 2000.0, 0, 900));
    }

    @Test
    void columnsAreFoundByNameNotPosition() throws Exception {
        Path csv = Files.writeString(tmp.resolve("x-timeseries.csv"), """
                backlog,epochSecond,extra,p99EnqueueToDequeueMicros,consumedPerSec
                7,100,ignored,1200,950.5
                """);

        assertThat(Timeseries.read(csv)).containsExactly(new Timeseries.Second(100, 950.5, 7, 1200));
    }

    @Test
    void aSavedRunStillReads() throws URISyntaxException {
        Path golden = Path.of(getClass().getResource("/golden/sip-both/jedis-timeseries.csv").toURI());

        assertThat(Timeseries.read(golden)).isNotEmpty()
                .first().isEqualTo(new Timeseries.Second(1795696121, 175.7, 0, 2249));
    }

    @Test
    void aRowBeingWrittenIsLeftForLaterWhileFollowing() throws Exception {
        Path csv = Files.writeString(tmp.resolve("y-timeseries.csv"),
                "epochSecond,consumedPerSec,backlog,p99EnqueueToDequeueMicros\n100,10.0,1,5\n101,1");

        assertThat(Timeseries.readCompleteRows(csv)).containsExactly(new Timeseries.Second(100, 10.0, 1, 5));
    }

    @Test
    void aBadRowOrAMissingColumnIsAOneLineErrorNamingTheFile() throws Exception {
        Path badRow = Files.writeString(tmp.resolve("bad-timeseries.csv"),
                "epochSecond,consumedPerSec,backlog,p99EnqueueToDequeueMicros\n100,ten,1,5\n");
        Path noBacklog = Files.writeString(tmp.resolve("old-timeseries.csv"),
                "epochSecond,consumedPerSec,p99EnqueueToDequeueMicros\n100,10.0,5\n");

        assertThatThrownBy(() -> Timeseries.read(badRow)).isInstanceOf(HarnessException.class)
                .hasMessage(badRow + " line 2 is not epochSecond,consumedPerSec,backlog,p99EnqueueToDequeueMicros: 100,ten,1,5");
        assertThatThrownBy(() -> Timeseries.read(noBacklog)).isInstanceOf(HarnessException.class)
                .hasMessageStartingWith(noBacklog + " has no backlog column");
    }
}
