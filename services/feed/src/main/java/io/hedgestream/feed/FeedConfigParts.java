package io.hedgestream.feed;

import io.hedgestream.config.SettingsReader;
import io.hedgestream.feed.flow.OrderFlowConfig;
import io.hedgestream.feed.market.HestonParameters;
import io.hedgestream.feed.sabr.SabrBookSettings;
import java.time.LocalTime;
import java.util.List;

/**
 * Reads the market and order-flow parts of {@link FeedConfig} (property names and defaults are listed
 * there). A part that fails its own validation is reported through the reader and returned as null; the
 * reader then throws before any null is used.
 */
final class FeedConfigParts {

  private static final String FINITE = "finite";
  private static final String NON_NEGATIVE = "finite and >= 0";
  private static final String POSITIVE = "finite and > 0";

  private FeedConfigParts() {}

  static MarketConfig market(SettingsReader in) {
    MarketConfig.Model model = MarketConfig.Model.parse(in.choice("feed.model", "gbm", List.of("gbm", "heston")));
    double spot = in.decimal("feed.spot", 100, v -> v > 0 && Double.isFinite(v), POSITIVE);
    double rate = in.decimal("feed.rate", 0.03, Double::isFinite, FINITE);
    double dividendYield = in.decimal("feed.dividend-yield", 0.0, Double::isFinite, FINITE);
    double drift = in.decimal("feed.drift", rate - dividendYield, Double::isFinite, FINITE);
    double volatility = in.decimal("feed.volatility", 0.20, v -> v >= 0 && Double.isFinite(v), NON_NEGATIVE);
    double halfSpreadBps = in.decimal("feed.half-spread-bps", 2.0, v -> v >= 0 && v < 10_000, "in [0, 10000)");
    double volumePerDay = in.decimal("feed.volume-per-day", 1e6, v -> v >= 0 && Double.isFinite(v), NON_NEGATIVE);
    try {
      HestonParameters heston = new HestonParameters(spot, drift,
          in.decimal("feed.heston.v0", 0.04, Double::isFinite, FINITE),
          in.decimal("feed.heston.kappa", 2.0, Double::isFinite, FINITE),
          in.decimal("feed.heston.theta", 0.04, Double::isFinite, FINITE),
          in.decimal("feed.heston.xi", 0.5, Double::isFinite, FINITE),
          in.decimal("feed.heston.rho", -0.7, Double::isFinite, FINITE));
      return new MarketConfig(model, spot, drift, volatility, heston, rate, dividendYield, halfSpreadBps,
          volumePerDay);
    } catch (IllegalArgumentException e) {
      in.error("feed market settings: " + e.getMessage());
      return null;
    }
  }

  static OrderFlowConfig orderFlow(SettingsReader in) {
    try {
      return new OrderFlowConfig(
          in.decimal("feed.orders.rate-per-day", 100, v -> v >= 0 && Double.isFinite(v), NON_NEGATIVE),
          in.decimal("feed.orders.tenor-days", 30, v -> v > 0 && Double.isFinite(v), POSITIVE),
          in.decimal("feed.orders.strike-tick", 1.0, v -> v > 0 && Double.isFinite(v), POSITIVE),
          (int) in.integer("feed.orders.min-contracts", 1, v -> v >= 1 && v <= 1_000_000, "in [1, 1000000]"),
          (int) in.integer("feed.orders.max-contracts", 10, v -> v >= 1 && v <= 1_000_000, "in [1, 1000000]"),
          in.decimal("feed.orders.multiplier", 100, v -> v > 0 && Double.isFinite(v), POSITIVE),
          (int) in.integer("feed.orders.books-per-symbol", 1, v -> v >= 1 && v <= 100_000, "in [1, 100000]"),
          in.text("feed.orders.book-name", "{symbol}-book-{n}"),
          (int) in.integer("feed.orders.clients", 5, v -> v >= 1 && v <= 100_000, "in [1, 100000]"));
    } catch (IllegalArgumentException e) {
      in.error("feed order-flow settings: " + e.getMessage());
      return null;
    }
  }

  static SabrBookSettings sabrBook(SettingsReader in) {
    SabrBookSettings d = SabrBookSettings.DEFAULTS;
    try {
      return new SabrBookSettings(
          in.decimal("feed.sabr.s0", d.s0(), v -> v > 0 && Double.isFinite(v), POSITIVE),
          in.decimal("feed.sabr.sigma0", d.sigma0(), v -> v > 0 && Double.isFinite(v), POSITIVE),
          in.decimal("feed.sabr.beta", d.beta(), v -> v >= 0 && v <= 1, "in [0, 1]"),
          in.decimal("feed.sabr.rho", d.rho(), v -> v > -1 && v < 1, "in (-1, 1)"),
          in.decimal("feed.sabr.vol-of-vol", d.volOfVol(), v -> v >= 0 && Double.isFinite(v), NON_NEGATIVE),
          in.decimal("feed.sabr.days-per-year", d.daysPerYear(), v -> v > 0 && v <= 8760, "in (0, 8760]"),
          (int) in.integer("feed.sabr.episode-days", d.episodeDays(), v -> v >= 0 && v <= 1_000_000, "in [0, 1000000]"),
          in.decimal("feed.sabr.orders-per-day", d.ordersPerDay(), v -> v >= 0 && Double.isFinite(v), NON_NEGATIVE),
          in.decimal("feed.sabr.units-per-order", d.unitsPerOrder(), v -> v > 0 && Double.isFinite(v), POSITIVE),
          (int) in.integer("feed.sabr.book-maturity-days", d.bookMaturityDays(), v -> v >= 1 && v <= 100_000,
              "in [1, 100000]"),
          (int) in.integer("feed.sabr.atm-vol-days", d.atmVolDays(), v -> v >= 1 && v <= 100_000, "in [1, 100000]"),
          in.parsed("feed.sabr.tick-time", d.tickTimeUtc(), LocalTime::parse));
    } catch (IllegalArgumentException e) {
      in.error("feed sabr-book settings: " + e.getMessage());
      return SabrBookSettings.DEFAULTS;
    }
  }
}
