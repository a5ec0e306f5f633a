package io.hedgestream.feed.flow;

import io.hedgestream.avro.ClientOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.pricing.BlackScholes;
import io.hedgestream.pricing.PutCall;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds the ATM European option a simulated client trades against the latest tick.
 *
 * <p>Call or put and buy or sell each with probability ½; size uniform in
 * [{@code minContracts}, {@code maxContracts}]; strike = tick mid rounded to the strike tick; expiry =
 * arrival + tenor; premium = Black–Scholes–Merton price at the tick's mid, ATM vol, rate and dividend
 * yield with time to expiry = tenor (ACT/365). The tick's vol is already the vol of this tenor.
 */
public final class ClientOrderFactory {

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final OrderFlowConfig config;
  private final String runId;

  /**
   * A factory for one feed run.
   *
   * @param config the order flow settings
   * @param runId prefix of every order id, so separate runs against one cluster do not share ids
   */
  public ClientOrderFactory(OrderFlowConfig config, String runId) {
    this.config = Objects.requireNonNull(config, "config");
    this.runId = Objects.requireNonNull(runId, "runId");
  }

  /**
   * The order of one arrival.
   *
   * @param tick the latest tick of the order's symbol (quotes the spot and vol)
   * @param sequence per-symbol sequence number of the order, unique within the run
   * @param arrival the arrival instant (the order's event time), not before the tick
   * @param random source of the order's random attributes
   * @return the client order
   */
  public ClientOrder create(MarketTick tick, long sequence, Instant arrival, RandomGenerator random) {
    String symbol = tick.getSymbol();
    PutCall putCall = random.nextBoolean() ? PutCall.CALL : PutCall.PUT;
    double sign = random.nextBoolean() ? 1.0 : -1.0;
    int contracts = random.nextInt(config.minContracts(), config.maxContracts() + 1);
    int book = 1 + random.nextInt(config.booksPerSymbol());
    int client = 1 + random.nextInt(config.clientCount());
    double spot = 0.5 * (tick.getBid() + tick.getAsk());
    double strike = atmStrike(spot);
    double premium = BlackScholes.price(putCall, spot, strike, config.tenorYears(), tick.getAtmImpliedVol(),
        tick.getRate(), tick.getDividendYield());
    OptionSpec option = OptionSpec.newBuilder()
        .setOptionType(putCall == PutCall.CALL ? OptionType.CALL : OptionType.PUT)
        .setStrike(strike)
        .setExpiryMicros(arrival.plus(Math.round(config.tenorDays() * MICROS_PER_DAY), ChronoUnit.MICROS))
        .setMultiplier(config.multiplier())
        .build();
    return ClientOrder.newBuilder()
        .setOrderId(runId + "-" + symbol + "-" + sequence)
        .setBook(config.bookName(symbol, book))
        .setClient("client-" + client)
        .setSymbol(symbol)
        .setOption(option)
        .setQuantity(sign * contracts)
        .setPremium(premium)
        .setEventTimeMicros(arrival)
        .build();
  }

  /** The spot rounded to the nearest strike tick, never below one tick. */
  public double atmStrike(double spot) {
    double tick = config.strikeTick();
    return Math.max(tick, Math.round(spot / tick) * tick);
  }
}
