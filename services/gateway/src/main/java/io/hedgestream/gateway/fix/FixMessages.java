package io.hedgestream.gateway.fix;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.field.Account;
import quickfix.field.CFICode;
import quickfix.field.ClOrdID;
import quickfix.field.ContractMultiplier;
import quickfix.field.MaturityDate;
import quickfix.field.MaturityMonthYear;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.PutOrCall;
import quickfix.field.SecurityDesc;
import quickfix.field.SecurityID;
import quickfix.field.SecurityIDSource;
import quickfix.field.SecurityType;
import quickfix.field.Side;
import quickfix.field.StrikePrice;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * How a hedge order reads in FIX 4.4, both ways: the route writes a {@link NewOrderSingle} from a
 * {@link HedgeOrder}, the paper venue reads one back. The tags (README, "Plugging into an OMS"):
 *
 * <ul>
 *   <li>ClOrdID (11) = the engine's deterministic order id; Account (1) = the book; Symbol (55) = the
 *       underlying; Side (54) 1 buy / 2 sell; OrderQty (38) = units or contracts; OrdType (40) 1 market, or 2
 *       limit with Price (44); TimeInForce (59) 0 day; TransactTime (60) = the engine's decision time.
 *   <li>Underlying: SecurityType (167) CS. Option: SecurityType OPT, CFICode (461) OCXXXX / OPXXXX,
 *       PutOrCall (201) 1 call / 0 put, StrikePrice (202), MaturityMonthYear (200) and MaturityDate (541) the
 *       expiry date in UTC, ContractMultiplier (231), SecurityID (48) = the engine's option id with
 *       SecurityIDSource (22) 8, and SecurityDesc (107) the exact expiry instant (ISO-8601), which FIX 4.4 has
 *       no field for.
 * </ul>
 */
public final class FixMessages {

  /** SecurityIDSource 8: an exchange symbol, here the engine's own option id. */
  static final String OWN_ID_SOURCE = "8";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

  private FixMessages() {
  }

  /** The NewOrderSingle of {@code order}. */
  public static NewOrderSingle newOrderSingle(HedgeOrder order) {
    Double limit = order.getLimitPrice();
    NewOrderSingle message = new NewOrderSingle(new ClOrdID(order.getOrderId()),
        new Side(order.getSide() == io.hedgestream.avro.Side.BUY ? Side.BUY : Side.SELL),
        new TransactTime(utc(order.getEventTimeMicros())), new OrdType(limit == null ? OrdType.MARKET : OrdType.LIMIT));
    message.set(new Account(order.getBook()));
    message.set(new Symbol(order.getSymbol()));
    message.set(new OrderQty(order.getQuantity()));
    if (limit != null) {
      message.set(new Price(limit));
    }
    message.set(new TimeInForce(TimeInForce.DAY));
    OptionSpec option = order.getOption();
    if (order.getInstrumentType() == InstrumentType.OPTION && option != null) {
      boolean call = option.getOptionType() == OptionType.CALL;
      message.set(new SecurityType(SecurityType.OPTION));
      message.set(new CFICode(call ? "OCXXXX" : "OPXXXX"));
      message.set(new PutOrCall(call ? PutOrCall.CALL : PutOrCall.PUT));
      message.set(new StrikePrice(option.getStrike()));
      message.set(new MaturityMonthYear(MONTH.format(option.getExpiryMicros())));
      message.set(new MaturityDate(DATE.format(option.getExpiryMicros())));
      message.set(new ContractMultiplier(option.getMultiplier()));
      message.set(new SecurityID(order.getInstrument()));
      message.set(new SecurityIDSource(OWN_ID_SOURCE));
      message.set(new SecurityDesc(option.getExpiryMicros().toString()));
    } else {
      message.set(new SecurityType(SecurityType.COMMON_STOCK));
    }
    return message;
  }

  /**
   * The hedge order a NewOrderSingle describes, for a venue that executes it.
   *
   * @throws IllegalArgumentException naming the tag that is missing or wrong
   */
  public static HedgeOrder hedgeOrder(NewOrderSingle message) {
    try {
      String id = message.getClOrdID().getValue();
      char ordType = message.getOrdType().getValue();
      if (ordType != OrdType.MARKET && ordType != OrdType.LIMIT) {
        throw new IllegalArgumentException("OrdType(40)=" + ordType + ": only 1 (market) and 2 (limit)");
      }
      char side = message.getSide().getValue();
      if (side != Side.BUY && side != Side.SELL) {
        throw new IllegalArgumentException("Side(54)=" + side + ": only 1 (buy) and 2 (sell)");
      }
      String symbol = message.getSymbol().getValue();
      HedgeOrder.Builder order = HedgeOrder.newBuilder()
          .setOrderId(id)
          .setBook(message.isSetAccount() ? message.getAccount().getValue() : requiredMissing("Account(1)"))
          .setSymbol(symbol)
          .setSide(side == Side.BUY ? io.hedgestream.avro.Side.BUY : io.hedgestream.avro.Side.SELL)
          .setQuantity(message.getOrderQty().getValue())
          .setLimitPrice(ordType == OrdType.LIMIT ? message.getPrice().getValue() : null)
          .setReason(HedgeReason.POLICY)
          .setPolicyVersion("fix")
          .setDecisionId(id)
          .setEventTimeMicros(message.getTransactTime().getValue().toInstant(ZoneOffset.UTC));
      String type = message.isSetSecurityType() ? message.getSecurityType().getValue() : SecurityType.COMMON_STOCK;
      if (SecurityType.OPTION.equals(type)) {
        order.setInstrumentType(InstrumentType.OPTION)
            .setInstrument(message.isSetSecurityID() ? message.getSecurityID().getValue() : requiredMissing("SecurityID(48)"))
            .setOption(option(message));
      } else if (SecurityType.COMMON_STOCK.equals(type)) {
        order.setInstrumentType(InstrumentType.UNDERLYING).setInstrument(symbol).setOption(null);
      } else {
        throw new IllegalArgumentException("SecurityType(167)=" + type + ": only CS and OPT");
      }
      return order.build();
    } catch (FieldNotFound e) {
      throw new IllegalArgumentException("required tag " + e.field + " missing");
    }
  }

  /**
   * The option contract of a message's Instrument fields (SecurityType OPT): PutOrCall, StrikePrice, the expiry
   * (SecurityDesc, else MaturityDate), ContractMultiplier [100].
   *
   * @throws IllegalArgumentException naming the tag that is missing or wrong
   */
  public static OptionSpec option(FieldMap message) {
    try {
      int right = message.getInt(PutOrCall.FIELD);
      if (right != PutOrCall.CALL && right != PutOrCall.PUT) {
        throw new IllegalArgumentException("PutOrCall(201)=" + right + ": only 0 (put) and 1 (call)");
      }
      double strike = message.getDouble(StrikePrice.FIELD);
      double multiplier = message.isSetField(ContractMultiplier.FIELD) ? message.getDouble(ContractMultiplier.FIELD) : 100.0;
      if (!(strike > 0) || !Double.isFinite(strike) || !(multiplier > 0) || !Double.isFinite(multiplier)) {
        throw new IllegalArgumentException("StrikePrice(202)=" + strike + " and ContractMultiplier(231)=" + multiplier
            + " must be finite and > 0");
      }
      return OptionSpec.newBuilder()
          .setOptionType(right == PutOrCall.CALL ? OptionType.CALL : OptionType.PUT)
          .setStrike(strike)
          .setExpiryMicros(expiry(message))
          .setMultiplier(multiplier)
          .build();
    } catch (FieldNotFound e) {
      throw new IllegalArgumentException("required tag " + e.field + " missing");
    } catch (quickfix.FieldException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /** The exact expiry from SecurityDesc, else the end of MaturityDate (UTC). */
  private static Instant expiry(FieldMap message) throws FieldNotFound {
    if (message.isSetField(SecurityDesc.FIELD)) {
      String desc = message.getString(SecurityDesc.FIELD);
      try {
        return Instant.parse(desc).truncatedTo(ChronoUnit.MICROS);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("SecurityDesc(107) is not an ISO-8601 expiry instant: " + desc);
      }
    }
    String date = message.getString(MaturityDate.FIELD);
    try {
      return java.time.LocalDate.parse(date, DateTimeFormatter.BASIC_ISO_DATE).plusDays(1).atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("MaturityDate(541)=" + date + " is not YYYYMMDD");
    }
  }

  private static String requiredMissing(String tag) {
    throw new IllegalArgumentException("required tag " + tag + " missing");
  }

  /** An instant as FIX's UTC timestamp (QuickFIX/J keeps UTC timestamps as LocalDateTime). */
  static LocalDateTime utc(Instant time) {
    return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
  }
}
