package io.hedgestream.engine.state;

import io.hedgestream.pricing.PutCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The desk's position in one European option contract of a book: the liability of client trades with the
 * same terms, netted. Mutable: quantities grow as trades are booked and the mark moves at each decision.
 */
public final class OptionPosition {

  private static final DateTimeFormatter EXPIRY_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final String optionId;
  private final PutCall putCall;
  private final double strike;
  private final long expiryMicros;
  private final double multiplier;
  private double deskQuantity;
  private double lastMark;

  /**
   * Creates a position.
   *
   * @param symbol underlying symbol, used in the option id
   * @param putCall call or put
   * @param strike strike per unit of underlying, > 0
   * @param expiryMicros expiry, epoch microseconds
   * @param multiplier underlying units per contract, > 0
   * @param deskQuantity contracts the desk holds (negative = short), the opposite of the clients'
   * @param lastMark the latest price per unit of underlying the option was marked at
   * @return the position, with its id from {@link #idOf}
   */
  public static OptionPosition open(String symbol, PutCall putCall, double strike, long expiryMicros,
      double multiplier, double deskQuantity, double lastMark) {
    return new OptionPosition(idOf(symbol, putCall, strike, expiryMicros), putCall, strike, expiryMicros,
        multiplier, deskQuantity, lastMark);
  }

  private OptionPosition(String optionId, PutCall putCall, double strike, long expiryMicros, double multiplier,
      double deskQuantity, double lastMark) {
    this.optionId = optionId;
    this.putCall = Objects.requireNonNull(putCall, "putCall");
    this.strike = strike;
    this.expiryMicros = expiryMicros;
    this.multiplier = multiplier;
    this.deskQuantity = deskQuantity;
    this.lastMark = lastMark;
  }

  /**
   * The option id used in positions and orders: {@code SYMBOL-YYYYMMDD-C|P-STRIKE}, expiry date in UTC and
   * the strike without trailing zeros ({@code SPY-20250620-C-450}, {@code SPY-20250620-P-452.5}).
   */
  public static String idOf(String symbol, PutCall putCall, double strike, long expiryMicros) {
    String date = EXPIRY_DATE.format(Instant.ofEpochSecond(Math.floorDiv(expiryMicros, 1_000_000L)));
    String strikeText = BigDecimal.valueOf(strike).stripTrailingZeros().toPlainString();
    return symbol + "-" + date + "-" + (putCall == PutCall.CALL ? "C" : "P") + "-" + strikeText;
  }

  /** True when {@code other} terms are the same contract as this one. */
  public boolean sameContract(PutCall otherPutCall, double otherStrike, long otherExpiryMicros,
      double otherMultiplier) {
    return putCall == otherPutCall && strike == otherStrike && expiryMicros == otherExpiryMicros
        && multiplier == otherMultiplier;
  }

  /** Option id, see {@link #idOf}. */
  public String optionId() {
    return optionId;
  }

  /** Call or put. */
  public PutCall putCall() {
    return putCall;
  }

  /** Strike per unit of underlying. */
  public double strike() {
    return strike;
  }

  /** Expiry, epoch microseconds. */
  public long expiryMicros() {
    return expiryMicros;
  }

  /** Underlying units per contract. */
  public double multiplier() {
    return multiplier;
  }

  /** Contracts the desk holds, negative when short. */
  public double deskQuantity() {
    return deskQuantity;
  }

  /** Adds contracts to the desk's position. */
  public void addDeskQuantity(double contracts) {
    deskQuantity += contracts;
  }

  /** Latest mark, price per unit of underlying. */
  public double lastMark() {
    return lastMark;
  }

  /** Records a new mark. */
  public void setLastMark(double mark) {
    lastMark = mark;
  }

  /** Value of the position at its last mark: desk contracts x multiplier x mark. */
  public double value() {
    return deskQuantity * multiplier * lastMark;
  }

  void writeTo(StateWriter out) {
    out.writeString(optionId);
    out.writeByte(putCall.ordinal());
    out.writeDouble(strike);
    out.writeLong(expiryMicros);
    out.writeDouble(multiplier);
    out.writeDouble(deskQuantity);
    out.writeDouble(lastMark);
  }

  static OptionPosition readFrom(StateReader in) {
    String id = in.readString();
    int type = in.readByte();
    if (type >= PutCall.values().length) {
      throw new org.apache.kafka.common.errors.SerializationException("corrupt engine state: option type " + type);
    }
    return new OptionPosition(id, PutCall.values()[type], in.readDouble(), in.readLong(), in.readDouble(),
        in.readDouble(), in.readDouble());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OptionPosition that && optionId.equals(that.optionId) && putCall == that.putCall
        && Double.compare(strike, that.strike) == 0 && expiryMicros == that.expiryMicros
        && Double.compare(multiplier, that.multiplier) == 0 && Double.compare(deskQuantity, that.deskQuantity) == 0
        && Double.compare(lastMark, that.lastMark) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(optionId, deskQuantity, lastMark);
  }

  @Override
  public String toString() {
    return optionId + " x" + deskQuantity + " (multiplier " + multiplier + ", mark " + lastMark + ")";
  }
}
