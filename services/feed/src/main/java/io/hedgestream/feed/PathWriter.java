package io.hedgestream.feed;

import io.hedgestream.avro.MarketTick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the simulated path as CSV, one line per symbol and step, so another simulator (the trainer's
 * {@code SabrBookEnv}) can replay exactly the market and client orders the engine saw:
 *
 * <pre>
 * symbol,day,event_time,event_time_micros,spot,alpha,atm_vol,orders,client_long
 * </pre>
 * {@code day} counts the symbol's steps from 0; {@code spot} is the tick's mid, {@code alpha} its SABR alpha
 * (empty without SABR parameters); {@code orders} is the number of client orders published before the tick
 * and {@code client_long} how many of them the client bought (the environment's net client orders are
 * {@code 2 client_long - orders}). Numbers are written with 17 significant digits so they read back exactly.
 */
final class PathWriter implements AutoCloseable {

  /** The header line. */
  static final String HEADER = "symbol,day,event_time,event_time_micros,spot,alpha,atm_vol,orders,client_long";

  private final BufferedWriter out;
  private final Map<String, Long> days = new HashMap<>();

  /** Creates (or truncates) {@code file} and writes the header; the parent directory must exist. */
  PathWriter(Path file) {
    try {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      out.write(HEADER);
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the path file " + file, e);
    }
  }

  /** Appends one step of one symbol. */
  void write(SymbolStep step) {
    MarketTick tick = step.tick();
    long day = days.merge(tick.getSymbol(), 1L, Long::sum) - 1;
    long longs = step.orders().stream().filter(o -> o.getQuantity() > 0).count();
    double mid = 0.5 * (tick.getBid() + tick.getAsk());
    String alpha = tick.getSabr() == null ? "" : number(tick.getSabr().getAlpha());
    long micros = tick.getEventTimeMicros().getEpochSecond() * 1_000_000L + tick.getEventTimeMicros().getNano() / 1_000;
    try {
      out.write(String.join(",", tick.getSymbol(), Long.toString(day), tick.getEventTimeMicros().toString(),
          Long.toString(micros), number(mid), alpha, number(tick.getAtmImpliedVol()),
          Integer.toString(step.orders().size()), Long.toString(longs)));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the path file", e);
    }
  }

  /** Flushes and closes the file. */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the path file", e);
    }
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.17g", value);
  }
}
