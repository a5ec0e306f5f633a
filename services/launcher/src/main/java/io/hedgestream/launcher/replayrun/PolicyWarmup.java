package io.hedgestream.launcher.replayrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hedgestream.engine.policy.onnx.ModelMetadata;
import io.hedgestream.market.RollingFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many trading days of market data a replay publishes before its window for a policy: enough for every
 * rolling feature the policy reads to have its whole trailing window at the window's first close
 * ({@link RollingFeature#fullWindowCloses()} minus the day itself), so the policy sees the features a long
 * history gives, as the trainer computed them, and none falls back to the delta hedge for warm-up. A policy
 * without rolling features (the delta hedge, a {@code bs-book-v1} model) needs none.
 */
final class PolicyWarmup {

  private PolicyWarmup() {}

  /**
   * The warm-up of a replay run's policy.
   *
   * @param policy {@code delta}, or a model folder holding {@code metadata.json}
   * @return trading days to publish before the window, 0 when the policy reads no rolling feature
   * @throws UncheckedIOException when a model's metadata.json cannot be read
   */
  static int days(String policy) {
    Path metadata = Path.of(policy).resolve("metadata.json");
    if (!Files.isRegularFile(metadata)) {
      return 0;
    }
    return days(readMetadata(policy, metadata).features());
  }

  /**
   * The warm-up for a list of contract features.
   *
   * @param features contract feature names
   * @return the largest {@code fullWindowCloses() - 1} of the rolling ones, 0 when there is none
   */
  static int days(List<String> features) {
    return features.stream().map(RollingFeature::named).flatMap(Optional::stream)
        .mapToInt(feature -> feature.fullWindowCloses() - 1).max().orElse(0);
  }

  private static ModelMetadata readMetadata(String policy, Path file) {
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      Map<String, String> props = new HashMap<>();
      root.fields().forEachRemaining(entry -> props.put(entry.getKey(), entry.getValue().asText()));
      return ModelMetadata.parse(policy, props);
    } catch (IOException e) {
      throw new UncheckedIOException("replay run: cannot read " + file, e);
    }
  }
}
