package io.hedgestream.launcher.replayrun;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A PNG of the desk's cumulative PnL over the replay (running sum of every step's PnL, by step) on
 * background bands coloured by each step's volatility regime, drawn with Java2D (headless).
 */
public final class CumulativePnlChart {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 500;
  private static final int MARGIN = 60;
  private static final Map<String, Color> BANDS = Map.of(
      "LOW", new Color(0xDCEFDC), "MEDIUM", new Color(0xFFF6D5), "HIGH", new Color(0xFFE0C2),
      "CRISIS", new Color(0xF8C8C8), "UNKNOWN", new Color(0xEEEEEE));

  private CumulativePnlChart() {}

  /**
   * Draws and writes the chart.
   *
   * @param results the results
   * @param png where to write it
   * @throws IOException when the file cannot be written
   */
  public static void write(ReplayResults results, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = draw(results);
    if (!ImageIO.write(image, "png", png.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Draws the chart in memory. */
  static BufferedImage draw(ReplayResults results) {
    List<ReplayStep> steps = results.steps();
    double[] cumulative = new double[steps.size() + 1];
    for (int i = 0; i < steps.size(); i++) {
      cumulative[i + 1] = cumulative[i] + steps.get(i).stepPnl();
    }
    double low = java.util.Arrays.stream(cumulative).min().orElse(0);
    double high = java.util.Arrays.stream(cumulative).max().orElse(0);
    if (high - low < 1e-9) {
      high = low + 1;
    }
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int plotWidth = WIDTH - 2 * MARGIN;
    int plotHeight = HEIGHT - 2 * MARGIN;
    double dx = steps.isEmpty() ? plotWidth : (double) plotWidth / steps.size();
    for (int i = 0; i < steps.size(); i++) {
      g.setColor(BANDS.getOrDefault(steps.get(i).regime(), Color.LIGHT_GRAY));
      int x = MARGIN + (int) Math.floor(i * dx);
      g.fillRect(x, MARGIN, Math.max(1, (int) Math.ceil(dx)), plotHeight);
    }
    double yLow = low;
    double yScale = plotHeight / (high - low);
    g.setColor(Color.GRAY);
    int zero = MARGIN + plotHeight - (int) Math.round((0 - yLow) * yScale);
    g.drawLine(MARGIN, zero, MARGIN + plotWidth, zero);
    g.setColor(new Color(0x1F4E99));
    g.setStroke(new BasicStroke(2f));
    for (int i = 1; i < cumulative.length; i++) {
      int x0 = MARGIN + (int) Math.round((i - 1) * dx);
      int x1 = MARGIN + (int) Math.round(i * dx);
      int y0 = MARGIN + plotHeight - (int) Math.round((cumulative[i - 1] - yLow) * yScale);
      int y1 = MARGIN + plotHeight - (int) Math.round((cumulative[i] - yLow) * yScale);
      g.drawLine(x0, y0, x1, y1);
    }
    labels(g, results, low, high);
    g.dispose();
    return image;
  }

  private static void labels(Graphics2D g, ReplayResults results, double low, double high) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    RunDescription run = results.run();
    g.drawString("cumulative PnL: " + run.window() + " (" + run.from() + " .. " + run.to() + "), policy "
        + run.policy() + ", " + run.costsBps() + " bps", MARGIN, MARGIN - 25);
    g.drawString(String.format(java.util.Locale.ROOT, "%.2f", high), 5, MARGIN + 5);
    g.drawString(String.format(java.util.Locale.ROOT, "%.2f", low), 5, HEIGHT - MARGIN);
    int x = MARGIN;
    for (String regime : ReplayResults.REGIMES) {
      g.setColor(BANDS.get(regime));
      g.fillRect(x, HEIGHT - MARGIN + 20, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(regime, x + 18, HEIGHT - MARGIN + 32);
      x += 110;
    }
  }
}
