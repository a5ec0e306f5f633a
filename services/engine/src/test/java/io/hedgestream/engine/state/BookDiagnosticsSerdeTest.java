package io.hedgestream.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.market.LiquidityTag;
import io.hedgestream.market.RegimeLabel;
import io.hedgestream.market.VolRegime;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The diagnostics and regime stores round-trip exactly, so a restarted task continues where it stopped. */
class BookDiagnosticsSerdeTest {

  private static void step(BookDiagnostics d, SplittableRandom random) {
    VolRegime regime = VolRegime.values()[random.nextInt(VolRegime.values().length)];
    d.recordStep(random.nextGaussian(), Map.of("SPY", random.nextGaussian() * 100, "CALL", 3.0), regime, 50);
    d.recordRollingRisk(random.nextDouble());
  }

  @Test
  void aDecodedBookDiagnosticsContinuesExactlyAsTheOriginal() {
    Serde<BookDiagnostics> serde = StateSerdes.diagnostics();
    SplittableRandom random = new SplittableRandom(8);
    BookDiagnostics original = new BookDiagnostics();
    for (int i = 0; i < 2_000; i++) {
      step(original, random);
    }
    byte[] stored = serde.serializer().serialize("t", original);
    BookDiagnostics restored = serde.deserializer().deserialize("t", stored);
    assertThat(serde.serializer().serialize("t", restored)).isEqualTo(stored);
    SplittableRandom a = new SplittableRandom(9);
    SplittableRandom b = new SplittableRandom(9);
    for (int i = 0; i < 500; i++) {
      step(original, a);
      step(restored, b);
    }
    assertThat(serde.serializer().serialize("t", restored)).isEqualTo(serde.serializer().serialize("t", original));
    assertThat(stored.length).as("compact: five digests and a 50-step window").isLessThan(12_000);
  }

  @Test
  void regimeLabelsRoundTrip() {
    Serde<RegimeLabel> serde = StateSerdes.regimes();
    RegimeLabel label = new RegimeLabel(VolRegime.CRISIS, LiquidityTag.Q4, 0.52, Double.NaN);
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", label))).isEqualTo(label);
  }
}
