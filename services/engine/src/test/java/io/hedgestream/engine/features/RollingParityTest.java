package io.hedgestream.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.market.RollingFeature;
import io.hedgestream.market.RollingFeatures;
import io.hedgestream.market.RollingMarketState;
import io.hedgestream.market.TradingDays;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer's rolling-feature golden vectors ({@code schemas/policy/parity/rolling-v1.json}, written by
 * {@code hedgetrain.features.rolling_parity}) replayed tick by tick through the engine's implementation.
 */
class RollingParityTest {

  private static final double TOLERANCE = 1e-9;

  private static JsonNode golden() throws IOException {
    Path file = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
        .resolve("../../schemas/policy/parity/rolling-v1.json").normalize();
    return new ObjectMapper().readTree(file.toFile());
  }

  @Test
  void engineFeaturesMatchTheTrainersGoldenVectorsTickByTick() throws IOException {
    JsonNode golden = golden();
    List<String> names = new ArrayList<>();
    golden.get("features").forEach(name -> names.add(name.asText()));
    assertThat(names).containsExactly(java.util.Arrays.stream(RollingFeature.values())
        .map(RollingFeature::contractName).toArray(String[]::new));
    TradingDays days = new TradingDays(ZoneId.of(golden.get("zone").asText()));
    RollingMarketState state = new RollingMarketState();
    int compared = 0;
    int undefined = 0;
    for (JsonNode tick : golden.get("ticks")) {
      long micros = tick.get("eventTimeMicros").asLong();
      state.onTick(days.dayOf(micros), tick.get("last").asDouble(), tick.get("volume").asDouble());
      RollingFeatures features = state.features();
      String where = "tick at " + micros + " us";
      assertThat(state.closes()).as(where).isEqualTo(tick.get("closes").asInt());
      for (RollingFeature feature : RollingFeature.values()) {
        JsonNode expected = tick.get("features").get(feature.ordinal());
        if (expected.isNull()) {
          assertThat(features.isDefined(feature)).as("%s undefined at %s", feature.contractName(), where).isFalse();
          undefined++;
        } else {
          assertThat(features.value(feature)).as("%s at %s", feature.contractName(), where)
              .isCloseTo(expected.asDouble(), within(TOLERANCE));
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(3_000);
    assertThat(undefined).isGreaterThan(100);
  }
}
