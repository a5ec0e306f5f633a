package io.hedgestream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenOrderIdsTest {

  @Test
  void reportsRepeatsAndForgetsTheOldestBeyondCapacity() {
    SeenOrderIds seen = new SeenOrderIds(2);
    assertThat(seen.add("a")).isTrue();
    assertThat(seen.add("a")).isFalse();
    assertThat(seen.add("b")).isTrue();
    assertThat(seen.add("c")).isTrue();
    assertThat(seen.size()).isEqualTo(2);
    assertThat(seen.add("a")).as("evicted, so seen again as new").isTrue();
    assertThat(seen.add("c")).isFalse();
  }
}
