package io.hedgestream.engine.state;

import io.hedgestream.pricing.PutCall;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A concrete listed option series a book hedges with: the family it was resolved for and its terms. The
 * book's holding of it is in contracts (under its option id); its value per contract is
 * {@code multiplier x price per underlying unit}.
 *
 * @param optionId option id {@code SYMBOL-YYYYMMDD-C|P-STRIKE} ({@link OptionPosition#idOf})
 * @param family the contract family it was resolved for, e.g. {@code CALL_ATM_30D}
 * @param putCall call or put
 * @param strike strike per unit of underlying, > 0
 * @param expiryMicros expiry, epoch microseconds UTC
 * @param multiplier underlying units per contract, > 0
 */
public record HedgeSeries(String optionId, String family, PutCall putCall, double strike, long expiryMicros,
    double multiplier) {

  /** Checks the fields. */
  public HedgeSeries {
    Objects.requireNonNull(optionId, "optionId");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(putCall, "putCall");
    if (!(strike > 0 && Double.isFinite(strike) && multiplier > 0 && Double.isFinite(multiplier))) {
      throw new IllegalArgumentException("hedge series " + optionId + " needs strike and multiplier > 0");
    }
  }

  /**
   * A series with its id derived from the terms.
   *
   * @param symbol underlying symbol
   * @param family family name
   * @param putCall call or put
   * @param strike strike
   * @param expiryMicros expiry, epoch microseconds
   * @param multiplier underlying units per contract
   * @return the series
   */
  public static HedgeSeries of(String symbol, String family, PutCall putCall, double strike, long expiryMicros,
      double multiplier) {
    return new HedgeSeries(OptionPosition.idOf(symbol, putCall, strike, expiryMicros), family, putCall, strike,
        expiryMicros, multiplier);
  }

  void writeTo(StateWriter out) {
    out.writeString(optionId);
    out.writeString(family);
    out.writeByte(putCall.ordinal());
    out.writeDouble(strike);
    out.writeLong(expiryMicros);
    out.writeDouble(multiplier);
  }

  static HedgeSeries readFrom(StateReader in) {
    String id = in.readString();
    String family = in.readString();
    int type = in.readByte();
    if (type >= PutCall.values().length) {
      throw new SerializationException("corrupt engine state: hedge series type " + type);
    }
    return new HedgeSeries(id, family, PutCall.values()[type], in.readDouble(), in.readLong(), in.readDouble());
  }
}
