package io.hedgestream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaybackSpeedTest {

  @Test
  void parsesRealtimeMultiplesAndMax() {
    assertThat(PlaybackSpeed.parse("realtime").wallNanos(60_000_000)).isEqualTo(60_000_000_000L);
    assertThat(PlaybackSpeed.parse("x60").wallNanos(60_000_000)).isEqualTo(1_000_000_000L);
    assertThat(PlaybackSpeed.parse("X0.5").factor()).isEqualTo(0.5);
    assertThat(PlaybackSpeed.parse(" max ").unpaced()).isTrue();
    assertThat(PlaybackSpeed.parse("max").wallNanos(60_000_000)).isZero();
  }

  @Test
  void shouldRejectAnythingElse() {
    for (String bad : new String[] {"fast", "x0", "x-2", "xabc", "", "xInfinity"}) {
      assertThatThrownBy(() -> PlaybackSpeed.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
