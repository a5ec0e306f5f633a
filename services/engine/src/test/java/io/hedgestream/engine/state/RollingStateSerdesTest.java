package io.hedgestream.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hedgestream.market.DailyHistory;
import io.hedgestream.market.DayBar;
import io.hedgestream.market.RollingFeature;
import io.hedgestream.market.RollingMarketState;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The rolling stores' values survive a restart from their changelog exactly. */
class RollingStateSerdesTest {

  private static DailyHistory roundTrip(DailyHistory history) {
    byte[] bytes = StateSerdes.rollingDays().serializer().serialize("t", history);
    return StateSerdes.rollingDays().deserializer().deserialize("t", bytes);
  }

  private static DayBar roundTrip(DayBar today) {
    byte[] bytes = StateSerdes.rollingToday().serializer().serialize("t", today);
    return StateSerdes.rollingToday().deserializer().deserialize("t", bytes);
  }

  @Test
  void aStateRestoredFromItsTwoStoredPartsComputesTheSameFeaturesBitForBit() {
    SplittableRandom random = new SplittableRandom(3);
    RollingMarketState live = new RollingMarketState();
    double price = 100;
    for (int tick = 0; tick < 1_000; tick++) {
      price *= Math.exp(0.01 * random.nextGaussian());
      live.onTick(tick / 3, price, random.nextInt(4) == 0 ? 0 : random.nextDouble() * 1e5);
      if (tick % 97 == 0 || tick > 990) {
        RollingMarketState restored = RollingMarketState.restore(roundTrip(live.history()), roundTrip(live.today()));
        assertThat(restored).isEqualTo(live);
        for (RollingFeature feature : RollingFeature.values()) {
          assertThat(Double.doubleToRawLongBits(restored.features().value(feature)))
              .as("%s after tick %d", feature, tick)
              .isEqualTo(Double.doubleToRawLongBits(live.features().value(feature)));
        }
      }
    }
    assertThat(live.history().count()).isEqualTo(DailyHistory.CAPACITY);
  }

  @Test
  void anEmptyHistoryAndATodayRoundTrip() {
    assertThat(roundTrip(new DailyHistory())).isEqualTo(new DailyHistory());
    DayBar today = new DayBar(-3, Math.nextUp(100.0), 1e-300);
    assertThat(roundTrip(today)).isEqualTo(today);
    assertThat(StateSerdes.rollingToday().serializer().serialize("t", today)).hasSize(1 + 8 + 8 + 8);
  }

  @Test
  void aHistoryLongerThanTheWindowIsRejectedAsCorrupt() {
    int days = DailyHistory.CAPACITY + 1;
    ByteBuffer bytes = ByteBuffer.allocate(1 + 4 + 16 * days);
    bytes.put((byte) StateSerdes.FORMAT).putInt(days);
    assertThatThrownBy(() -> StateSerdes.rollingDays().deserializer().deserialize("t", bytes.array()))
        .isInstanceOf(SerializationException.class).hasMessageContaining(days + " days");
  }
}
