package io.hedgestream.launcher.replayrun;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of the desk's cumulative PnL over a replay (the running sum of every step's PnL in event-time order),
 * drawn with JFreeChart: a dated axis, a legend, the volatility regime of each stretch as background bands,
 * and one line per policy when several runs of the same window are compared. Headless.
 */
public final class CumulativePnlChart {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 600;
  private static final Map<String, Color> BANDS = Map.of(
      "LOW", new Color(0xDCEFDC), "MEDIUM", new Color(0xFFF3C4), "HIGH", new Color(0xFFD9B0),
      "CRISIS", new Color(0xF5B5B5), "UNKNOWN", new Color(0xEEEEEE));
  private static final List<Color> LINES = List.of(new Color(0x1F4E99), new Color(0xC0392B), new Color(0x16A085),
      new Color(0x8E44AD), new Color(0xD35400), new Color(0x2C3E50));

  private CumulativePnlChart() {}

  /** Draws one run and writes the PNG. */
  public static void write(ReplayResults results, Path png) throws IOException {
    write(List.of(results), png);
  }

  /**
   * Draws runs of one window (one line per run, labelled by its policy; the first run's regimes as bands) and
   * writes the PNG.
   *
   * @throws IOException when the file cannot be written
   */
  public static void write(List<ReplayResults> runs, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    if (!ImageIO.write(draw(runs), "png", png.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  /** Draws the chart in memory. */
  static BufferedImage draw(List<ReplayResults> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no run to draw");
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    for (ReplayResults run : runs) {
      XYSeries series = new XYSeries(label(run.run()), false, true);
      double cumulative = 0;
      for (ReplayStep step : inTimeOrder(run.steps())) {
        cumulative += step.stepPnl();
        series.add(step.eventTime().toEpochMilli(), cumulative);
      }
      lines.addSeries(series);
    }
    DateAxis time = new DateAxis("event time (UTC)");
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    time.setDateFormatOverride(format);
    time.setTimeZone(TimeZone.getTimeZone("UTC"));
    NumberAxis pnl = new NumberAxis("cumulative PnL");
    pnl.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < runs.size(); i++) {
      renderer.setSeriesPaint(i, LINES.get(i % LINES.size()));
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    XYPlot plot = new XYPlot(lines, time, pnl, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xCCCCCC));
    plot.setRangeGridlinePaint(new Color(0xCCCCCC));
    regimeBands(runs.get(0).steps()).forEach(band -> plot.addDomainMarker(band, Layer.BACKGROUND));
    LegendItemCollection legend = new LegendItemCollection();
    for (int i = 0; i < runs.size(); i++) {
      legend.add(new LegendItem(label(runs.get(i).run()), LINES.get(i % LINES.size())));
    }
    for (String regime : ReplayResults.REGIMES) {
      legend.add(new LegendItem("regime " + regime, null, null, null, new Rectangle(-6, -6, 12, 12),
          BANDS.getOrDefault(regime, Color.LIGHT_GRAY)));
    }
    plot.setFixedLegendItems(legend);
    RunDescription first = runs.get(0).run();
    JFreeChart chart = new JFreeChart("Cumulative PnL: " + first.window() + " (" + first.from() + " .. " + first.to()
        + "), " + first.costsBps() + " bps", new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart.createBufferedImage(WIDTH, HEIGHT);
  }

  /** Consecutive steps of one regime as one band, from its first step to the next stretch's first. */
  private static List<IntervalMarker> regimeBands(List<ReplayStep> steps) {
    List<ReplayStep> ordered = inTimeOrder(steps);
    List<IntervalMarker> bands = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= ordered.size(); i++) {
      if (i == ordered.size() || !ordered.get(i).regime().equals(ordered.get(start).regime())) {
        long from = ordered.get(start).eventTime().toEpochMilli();
        long to = ordered.get(Math.min(i, ordered.size() - 1)).eventTime().toEpochMilli();
        IntervalMarker band = new IntervalMarker(from, Math.max(to, from + 1));
        band.setPaint(BANDS.getOrDefault(ordered.get(start).regime(), Color.LIGHT_GRAY));
        band.setOutlinePaint(null);
        band.setAlpha(1f);
        bands.add(band);
        start = i;
      }
    }
    return bands;
  }

  private static List<ReplayStep> inTimeOrder(List<ReplayStep> steps) {
    return steps.stream().sorted(Comparator.comparing(ReplayStep::eventTime)).toList();
  }

  private static String label(RunDescription run) {
    String policy = run.policy();
    int slash = policy.lastIndexOf('/');
    return "policy " + (slash >= 0 ? policy.substring(slash + 1) : policy);
  }
}
