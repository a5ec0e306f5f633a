package io.hedgestream.replay.ticks;

import java.util.Objects;

/**
 * How daily bars become ticks.
 *
 * @param symbol the ticks' symbol (and Kafka key), e.g. SPY
 * @param halfSpreadBps bid = close x (1 - h), ask = close x (1 + h) with h = halfSpreadBps / 10,000
 * @param intraday whether each day also gets its open, high and low as earlier ticks (see {@link SessionClock})
 */
public record TickSettings(String symbol, double halfSpreadBps, boolean intraday) {

  /** One close tick per day of SPY with a 1 bp half-spread. */
  public static final TickSettings DEFAULT = new TickSettings("SPY", 1.0, false);

  /** Validates the settings. */
  public TickSettings {
    Objects.requireNonNull(symbol, "symbol");
    if (!symbol.matches("[A-Za-z0-9._-]+") || !(halfSpreadBps >= 0 && halfSpreadBps < 10_000)) {
      throw new IllegalArgumentException("symbol must be [A-Za-z0-9._-]+ and halfSpreadBps in [0, 10000), got "
          + symbol + ", " + halfSpreadBps);
    }
  }

  /** The settings as one line, recorded in the queue header. */
  public String describe() {
    return "symbol=" + symbol + " halfSpreadBps=" + halfSpreadBps + " intraday=" + intraday;
  }
}
