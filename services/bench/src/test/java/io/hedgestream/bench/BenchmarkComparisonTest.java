package io.hedgestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchmarkComparisonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ratiosAreThisTreesMedianOverTheBaselinesPerFigure(@TempDir Path dir) throws Exception {
    // The committed figures' shape: decision.json's policies and feature build.
    write(dir.resolve("current-1.json"), decision(10.0, 2_000_000, 700));
    write(dir.resolve("current-2.json"), decision(12.0, 2_200_000, 700));
    write(dir.resolve("current-3.json"), decision(30.0, 1_000_000, 700));
    write(dir.resolve("baseline-1.json"), decision(20.0, 1_000_000, 1_400));
    write(dir.resolve("baseline-2.json"), decision(24.0, 1_100_000, 1_400));
    Path out = dir.resolve("comparison.json");

    int exit = new CommandLine(new BenchmarkComparison()).execute("--kind", "decision", "--dir", dir.toString(),
        "--baseline", "a9b0b070f5c6", "--out", out.toString());

    assertThat(exit).isZero();
    JsonNode figures = JSON.readTree(out.toFile()).get("figures");
    JsonNode p99 = find(figures, "model batch-1 p99 us");
    assertThat(p99.get("current").asDouble()).isEqualTo(12.0);     // median of 10, 12, 30
    assertThat(p99.get("baseline").asDouble()).isEqualTo(22.0);    // median of 20, 24
    assertThat(p99.get("ratio").asDouble()).isEqualTo(0.545);
    assertThat(p99.get("better").asText()).isEqualTo("lower");
    assertThat(p99.get("roundsOverlap").asBoolean()).as("10..30 against 20..24").isTrue();
    JsonNode throughput = find(figures, "model batch-1024 decisions/s");
    assertThat(throughput.get("ratio").asDouble()).isEqualTo(1.905);  // 2.0M / 1.05M
    assertThat(throughput.get("better").asText()).isEqualTo("higher");
    assertThat(find(figures, "model batch-1024 bytes/decision").get("ratio").asDouble()).isEqualTo(0.5);
    assertThat(find(figures, "model batch-1024 bytes/decision").get("roundsOverlap").asBoolean()).isFalse();
  }

  @Test
  void engineFiguresReadBothTheFloorPairsAndTheFormatBeforeThem() throws Exception {
    JsonNode withFloor = JSON.readTree("{\"throughput\": [{\"subject\": \"floor (pass-through Kafka Streams app)\", "
        + "\"engine\": {\"processingGuarantee\": \"at_least_once\", \"decisionInterval\": \"PT1M\"}, "
        + "\"ticksPerSecond\": 300000}, {\"subject\": \"engine\", \"engine\": {\"processingGuarantee\": "
        + "\"at_least_once\", \"decisionInterval\": \"PT1M\"}, \"ticksPerSecond\": 100000}], \"latency\": [{\"name\": "
        + "\"at-least-once\", \"engine\": {\"latencyMicros\": {\"p50\": 4000, \"p99\": 9000}}, \"floor\": "
        + "{\"latencyMicros\": {\"p50\": 3000, \"p99\": 6000}}}]}");
    JsonNode before = JSON.readTree("{\"throughput\": [{\"engine\": {\"processingGuarantee\": \"at_least_once\", "
        + "\"decisionInterval\": \"PT1M\"}, \"ticksPerSecond\": 95521}], \"latency\": [{\"name\": \"at-least-once\", "
        + "\"latencyMicros\": {\"p50\": 4073, \"p99\": 9703}}]}");

    assertThat(BenchmarkComparison.engine(withFloor)).containsOnlyKeys("throughput at_least_once PT1M ticks/s",
        "latency at-least-once p50 us", "latency at-least-once p99 us");
    assertThat(BenchmarkComparison.engine(withFloor).get("throughput at_least_once PT1M ticks/s").value())
        .isEqualTo(100_000);
    assertThat(BenchmarkComparison.engine(withFloor).get("latency at-least-once p99 us").value()).isEqualTo(9000);
    assertThat(BenchmarkComparison.engine(before).get("latency at-least-once p99 us").value()).isEqualTo(9703);
  }

  private static JsonNode find(JsonNode figures, String name) {
    for (JsonNode figure : figures) {
      if (figure.get("figure").asText().equals(name)) {
        return figure;
      }
    }
    throw new AssertionError("no figure " + name + " in " + figures);
  }

  private static String decision(double p99, long perSecond, double bytes) {
    return "{\"policies\": {\"models/bs-delta-mlp-v1\": {\"batch1Micros\": {\"median\": 4.4, \"p99\": " + p99 + "}, "
        + "\"batch1024\": {\"decisionsPerSecond\": " + perSecond + ", \"allocatedBytesPerDecision\": " + bytes + "}}, "
        + "\"delta\": {\"batch1Micros\": {\"median\": 1.0, \"p99\": 2.0}}}, \"featureBuildMicros\": {\"median\": 0.14, "
        + "\"allocatedBytesPerDecision\": 288}}";
  }

  private static void write(Path file, String json) throws Exception {
    Files.writeString(file, json);
  }
}
