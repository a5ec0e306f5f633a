package io.hedgestream.basics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpochMicrosTest {

  @Test
  void roundTripsOrdinaryTimes() {
    for (long micros : new long[] {0, 1, -1, 1_735_828_200_123_456L, -86_400_000_001L}) {
      assertThat(EpochMicros.of(EpochMicros.toInstant(micros))).isEqualTo(micros);
    }
  }

  @Test
  void saturatesWhereALongOfMicrosecondsOverflows() {
    // Long.MIN_VALUE microseconds floors to a second whose microseconds no longer fit a long (found by the
    // bad-record campaign: a record stamped so made the decoders throw ArithmeticException).
    assertThat(EpochMicros.of(EpochMicros.toInstant(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(EpochMicros.of(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    assertThat(EpochMicros.of(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
    assertThat(EpochMicros.of(EpochMicros.toInstant(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
  }
}
