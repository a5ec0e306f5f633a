package io.hedgestream.launcher.replayrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The replay's PNG: two policies over one window, regime bands behind them; written under target/ to look at. */
class CumulativePnlChartTest {

  private static final Instant START = Instant.parse("2020-02-18T21:00:00Z");

  @Test
  void drawsOneLinePerPolicyOnRegimeBandsWithADatedAxis() throws Exception {
    ReplayResults delta = run("delta", 1);
    ReplayResults model = run("models/bs-delta-mlp-v1", 2);
    Path png = Path.of("target", "cumulative-pnl-two-policies.png");
    Files.createDirectories(png.getParent());

    CumulativePnlChart.write(List.of(delta, model), png);

    BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(count(image, 0x1F4E99)).as("pixels of the first policy's line").isGreaterThan(300);
    assertThat(count(image, 0xC0392B)).as("pixels of the second policy's line").isGreaterThan(300);
    assertThat(count(image, 0xF5B5B5)).as("pixels of the CRISIS band").isGreaterThan(10_000);
  }

  private static ReplayResults run(String policy, long seed) {
    Random random = new Random(seed);
    List<ReplayStep> steps = new ArrayList<>();
    double cumulative = 0;
    for (int day = 0; day < 60; day++) {
      String regime = day < 15 ? "LOW" : day < 25 ? "MEDIUM" : day < 45 ? "CRISIS" : "HIGH";
      double pnl = random.nextGaussian() * (regime.equals("CRISIS") ? 30 : 5);
      cumulative += pnl;
      steps.add(new ReplayStep("SPY-book-1", START.plus(Duration.ofDays(day)), pnl, cumulative, 0.1, Map.of(),
          Map.of(), regime, "POLICY"));
    }
    return ReplayResults.of(new RunDescription("mar-2020", "2020-02-18", "2020-05-15", policy, "hirm", 1.0,
        "lockstep", 60, 0, 0), steps);
  }

  private static long count(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
