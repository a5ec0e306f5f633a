package io.hedgestream.launcher.replayrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the results as JSON: {@code results.json} (run, overall, byRegime, totalPnl) and
 * {@code steps.json} (every step: book, eventTime, eventMicros, stepPnl, cumulativePnl, costs,
 * hedgeHoldings, regime), the per-step PnL the trainer's parity test compares against. Non-finite numbers
 * are written as {@code null}; doubles in their shortest exact form ({@link Double#toString}), so they read
 * back exactly.
 */
public final class ResultsJson {

  private ResultsJson() {}

  /**
   * Writes both files into {@code dir} (created if needed).
   *
   * @param results the results
   * @param dir the output directory
   * @throws IOException when a file cannot be written
   */
  public static void write(ReplayResults results, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.json"), summary(results));
    Files.writeString(dir.resolve("steps.json"), steps(results));
  }

  /** The summary document. */
  public static String summary(ReplayResults results) {
    RunDescription run = results.run();
    StringBuilder out = new StringBuilder("{\n  \"run\": {");
    out.append("\"window\": ").append(text(run.window())).append(", \"from\": ").append(text(run.from()))
        .append(", \"to\": ").append(text(run.to())).append(", \"policy\": ").append(text(run.policy()))
        .append(", \"flow\": ").append(text(run.flow())).append(", \"costsBps\": ").append(number(run.costsBps()))
        .append(", \"pacing\": ").append(text(run.pacing())).append(", \"days\": ").append(run.days())
        .append(", \"warmupDays\": ").append(run.warmupDays())
        .append(", \"wallMillis\": ").append(run.wallMillis()).append("},\n");
    out.append("  \"steps\": ").append(results.steps().size()).append(",\n");
    out.append("  \"fallbacks\": ").append(results.fallbacks()).append(",\n");
    out.append("  \"totalPnl\": ").append(number(results.totalPnl())).append(",\n");
    out.append("  \"overall\": ").append(figures(results.overall())).append(",\n");
    out.append("  \"byRegime\": {");
    String separator = "\n";
    for (Map.Entry<String, RiskFigures> entry : results.byRegime().entrySet()) {
      out.append(separator).append("    ").append(text(entry.getKey())).append(": ").append(figures(entry.getValue()));
      separator = ",\n";
    }
    return out.append("\n  }\n}\n").toString();
  }

  /** The per-step document: a JSON array, one object per step. */
  public static String steps(ReplayResults results) {
    StringBuilder out = new StringBuilder("[");
    String separator = "\n";
    for (ReplayStep step : results.steps()) {
      out.append(separator).append("  {\"book\": ").append(text(step.book()))
          .append(", \"eventTime\": ").append(text(step.eventTime().toString()))
          .append(", \"eventMicros\": ").append(java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH,
              step.eventTime()))
          .append(", \"stepPnl\": ").append(number(step.stepPnl()))
          .append(", \"cumulativePnl\": ").append(number(step.cumulativePnl()))
          .append(", \"costs\": ").append(number(step.costs()))
          .append(", \"hedgeHoldings\": {");
      String inner = "";
      for (Map.Entry<String, Double> holding : step.hedgeHoldings().entrySet()) {
        out.append(inner).append(text(holding.getKey())).append(": ").append(number(holding.getValue()));
        inner = ", ";
      }
      out.append("}, \"regime\": ").append(text(step.regime())).append(", \"reason\": ")
          .append(text(step.reason())).append('}');
      separator = ",\n";
    }
    return out.append("\n]\n").toString();
  }

  private static String figures(RiskFigures f) {
    return "{\"steps\": " + f.steps() + ", \"mean\": " + number(f.mean()) + ", \"std\": " + number(f.std())
        + ", \"var95\": " + number(f.var95()) + ", \"cvar95\": " + number(f.cvar95()) + ", \"maxDrawdown\": "
        + number(f.maxDrawdown()) + ", \"turnoverRatio\": " + number(f.turnoverRatio()) + ", \"efficiency\": "
        + number(f.efficiency()) + "}";
  }

  private static String number(double value) {
    return Double.isFinite(value) ? Double.toString(value) : "null";
  }

  private static String text(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
