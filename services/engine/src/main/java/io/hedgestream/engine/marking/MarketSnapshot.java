package io.hedgestream.engine.marking;

import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.SabrParams;
import io.hedgestream.basics.EpochMicros;

/**
 * An immutable view of the latest valid tick of a symbol: what a book is marked and decided at.
 *
 * @param symbol underlying symbol
 * @param eventMicros event time, epoch microseconds
 * @param bid best bid
 * @param ask best ask
 * @param atmVol at-the-money implied vol, annual
 * @param rate continuously compounded risk-free rate
 * @param dividendYield continuous dividend yield
 * @param sabr the smile's SABR parameters, or null when the tick has none
 */
public record MarketSnapshot(String symbol, long eventMicros, double bid, double ask, double atmVol, double rate,
    double dividendYield, Sabr sabr) {

  /**
   * Hagan SABR parameters of a tick's smile.
   *
   * @param alpha initial vol level
   * @param beta CEV exponent in [0, 1]
   * @param rho correlation in (-1, 1)
   * @param nu vol of vol, >= 0
   */
  public record Sabr(double alpha, double beta, double rho, double nu) {}

  /** The snapshot of a tick (assumed valid: the tick decoder checked it). */
  public static MarketSnapshot of(MarketTick tick) {
    SabrParams params = tick.getSabr();
    Sabr sabr = params == null ? null
        : new Sabr(params.getAlpha(), params.getBeta(), params.getRho(), params.getNu());
    return new MarketSnapshot(tick.getSymbol(), EpochMicros.of(tick.getEventTimeMicros()), tick.getBid(),
        tick.getAsk(), tick.getAtmImpliedVol(), tick.getRate(), tick.getDividendYield(), sabr);
  }

  /** Mid price {@code (bid + ask) / 2}: the spot options are marked at and hedges are valued at. */
  public double mid() {
    return 0.5 * (bid + ask);
  }
}
