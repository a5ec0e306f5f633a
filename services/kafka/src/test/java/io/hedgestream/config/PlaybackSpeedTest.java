package io.hedgestream.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeedSpeedTest {

  @Test
  void parsesRealtimeMultiplesAndMax() {
    assertThat(FeedSpeed.parse("realtime").wallNanos(60_000_000)).isEqualTo(60_000_000_000L);
    assertThat(FeedSpeed.parse("x60").wallNanos(60_000_000)).isEqualTo(1_000_000_000L);
    assertThat(FeedSpeed.parse("X0.5").factor()).isEqualTo(0.5);
    assertThat(FeedSpeed.parse(" max ").unpaced()).isTrue();
    assertThat(FeedSpeed.parse("max").wallNanos(60_000_000)).isZero();
  }

  @Test
  void shouldRejectAnythingElse() {
    for (String bad : new String[] {"fast", "x0", "x-2", "xabc", "", "xInfinity"}) {
      assertThatThrownBy(() -> FeedSpeed.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
