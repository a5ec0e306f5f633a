package io.hedgestream.replay.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds client orders at a tick, priced with Black–Scholes at the tick's mid, ATM vol, rate and dividend
 * yield; time to maturity ACT/365 from the tick's event time, as the engine measures it.
 */
public final class OrderFactory {

  private static final double MICROS_PER_YEAR = 365.0 * 86_400 * 1_000_000;

  private final FlowSettings settings;

  /** A factory for a flow's book, client and id prefix. */
  public OrderFactory(FlowSettings settings) {
    this.settings = settings;
  }

  /**
   * An order on a contract at a tick.
   *
   * @param id the order id's suffix (after {@code <runId>-<flow>-})
   * @param tick the market the order is booked at; its event time is the order's
   * @param option the contract
   * @param quantity contracts the client buys (+) or sells (−)
   * @return the order
   */
  public ClientOrder order(String id, MarketTick tick, OptionSpec option, double quantity) {
    return ClientOrder.newBuilder()
        .setOrderId(settings.runId() + "-" + settings.kind().label() + "-" + id)
        .setBook(settings.book())
        .setClient(settings.client())
        .setSymbol(tick.getSymbol())
        .setOption(OptionSpec.newBuilder(option).build())
        .setQuantity(quantity)
        .setPremium(premium(tick, option))
        .setEventTimeMicros(tick.getEventTimeMicros())
        .build();
  }

  /** The Black–Scholes price per underlying unit of a contract at a tick. */
  public static double premium(MarketTick tick, OptionSpec option) {
    double ttmYears = ChronoUnit.MICROS.between(tick.getEventTimeMicros(), option.getExpiryMicros()) / MICROS_PER_YEAR;
    double mid = (tick.getBid() + tick.getAsk()) / 2;
    PutCall right = option.getOptionType() == OptionType.CALL ? PutCall.CALL : PutCall.PUT;
    return BlackScholes.price(right, mid, option.getStrike(), ttmYears, tick.getAtmImpliedVol(), tick.getRate(),
        tick.getDividendYield());
  }

  /** A contract expiring at the 16:00 New York close of a date. */
  public static OptionSpec contract(OptionType type, double strike, Instant expiry, double multiplier) {
    return OptionSpec.newBuilder().setOptionType(type).setStrike(strike).setExpiryMicros(expiry)
        .setMultiplier(multiplier).build();
  }
}
