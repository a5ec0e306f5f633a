package io.hedgestream.gateway;

import java.util.Locale;

/**
 * Which quote the {@link PaperExchange} fills an order at ({@code gateway.paper.fill-at}).
 *
 * <ul>
 *   <li>{@link #LATEST} (live, the default): the symbol's latest tick when the order executes.
 *   <li>{@link #ORDER_TIME} (replay, backtest): the tick of the order's own event time, i.e. the tick the
 *       engine decided at, never a later one; an order whose tick has not been seen yet is held until it
 *       is. Fills are deterministic whatever the relative speed of the engine, the feed and the gateway.
 * </ul>
 */
public enum FillTime {
  /** Fill at the latest quote. */
  LATEST,
  /** Fill at the quote of the order's event time. */
  ORDER_TIME;

  /** The property value of this mode: {@code latest} or {@code order-time}. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a property value.
   *
   * @param value {@code latest} or {@code order-time}
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static FillTime parse(String value) {
    for (FillTime mode : values()) {
      if (mode.propertyValue().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("fill-at must be latest or order-time, got " + value);
  }
}
