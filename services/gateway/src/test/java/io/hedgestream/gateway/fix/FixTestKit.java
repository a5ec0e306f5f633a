package io.hedgestream.gateway.fix;

import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.HedgeReason;
import io.hedgestream.avro.InstrumentType;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.avro.OptionSpec;
import io.hedgestream.avro.OptionType;
import io.hedgestream.avro.OrderState;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.ExecutionListener;
import io.hedgestream.gateway.Rejection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Orders, session files, a recording listener and waiting, for the FIX tests. */
public final class FixTestKit {

  static {
    // Avro's decoding limits before any Avro record is built here: another test of this JVM may decode later.
    io.hedgestream.schemas.AvroLimits.apply();
  }

  static final Instant T0 = Instant.parse("2026-02-02T15:00:00Z");
  public static final String GATEWAY = "HEDGESTREAM";
  public static final String VENUE = "OMS";

  private FixTestKit() {
  }

  static HedgeOrder order(String id, String symbol, Side side, double quantity) {
    return HedgeOrder.newBuilder().setOrderId(id).setBook(symbol + "-book-1").setSymbol(symbol)
        .setInstrument(symbol).setInstrumentType(InstrumentType.UNDERLYING).setOption(null).setSide(side)
        .setQuantity(quantity).setLimitPrice(null).setReason(HedgeReason.POLICY).setPolicyVersion("bs-delta")
        .setDecisionId(symbol + "-book-1:1").setEventTimeMicros(T0.plusSeconds(1)).build();
  }

  static HedgeOrder optionOrder(String id, String symbol, double strike) {
    HedgeOrder order = order(id, symbol, Side.BUY, 2);
    order.setInstrument(symbol + "-20260304-C-" + (long) strike);
    order.setInstrumentType(InstrumentType.OPTION);
    order.setOption(OptionSpec.newBuilder().setOptionType(OptionType.CALL).setStrike(strike)
        .setExpiryMicros(T0.plusSeconds(86_400 * 30)).setMultiplier(100).build());
    return order;
  }

  static MarketTick tick(String symbol, double bid, double ask) {
    return MarketTick.newBuilder().setSymbol(symbol).setEventTimeMicros(T0).setBid(bid).setAsk(ask)
        .setLast(0.5 * (bid + ask)).setVolume(0).setAtmImpliedVol(0.2).setRate(0).setDividendYield(0)
        .setSabr(null).setSource("test").build();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gateway's initiator settings file, to {@code port} on loopback. */
  static Path initiatorFile(Path dir, int port) {
    return initiatorFile(dir, port, VENUE);
  }

  /** The gateway's initiator settings file, to the venue {@code venue} at {@code port} on loopback. */
  public static Path initiatorFile(Path dir, int port, String venue) {
    return write(dir.resolve("initiator.cfg"), """
        [default]
        ConnectionType=initiator
        BeginString=FIX.4.4
        HeartBtInt=30
        ReconnectInterval=1
        StartTime=00:00:00
        EndTime=00:00:00
        UseDataDictionary=Y
        ResetOnLogon=N
        ResetOnLogout=N
        ResetOnDisconnect=N
        [session]
        SenderCompID=%s
        TargetCompID=%s
        SocketConnectHost=127.0.0.1
        SocketConnectPort=%d
        """.formatted(GATEWAY, venue, port));
  }

  /** A venue's acceptor settings file on {@code port}. */
  public static Path acceptorFile(Path dir, int port) {
    return write(dir.resolve("acceptor.cfg"), """
        [default]
        ConnectionType=acceptor
        BeginString=FIX.4.4
        StartTime=00:00:00
        EndTime=00:00:00
        UseDataDictionary=Y
        ResetOnLogon=N
        ResetOnLogout=N
        ResetOnDisconnect=N
        SocketAcceptAddress=127.0.0.1
        SocketAcceptPort=%d
        [session]
        SenderCompID=%s
        TargetCompID=%s
        """.formatted(port, VENUE, GATEWAY));
  }

  static FixSettings settings(Path sessionFile, Path stateDir, String password, Duration cancelAfter,
      Duration reconcileTimeout) {
    return new FixSettings(sessionFile, stateDir, password == null ? null : "desk", password, cancelAfter,
        reconcileTimeout, false, sessionFile);
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Everything the route told the gateway, in order. */
  static final class Recorder implements ExecutionListener {
    final List<Fill> fills = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onFills(HedgeOrder order, List<Fill> executed) {
      fills.addAll(executed);
      executed.forEach(fill -> events.add("fill " + order.getOrderId() + " " + fill.getQuantity() + "@" + fill.getPrice()));
    }

    @Override
    public void onReject(HedgeOrder order, Rejection rejection) {
      events.add("reject " + order.getOrderId() + " " + rejection.code());
    }

    @Override
    public void onAccepted(HedgeOrder order, String venueOrderId) {
      events.add("accepted " + order.getOrderId());
    }

    @Override
    public void onEnded(HedgeOrder order, OrderState end, Rejection reason) {
      events.add(end + " " + order.getOrderId() + " " + reason.code());
    }

    @Override
    public void onCancelRequested(HedgeOrder order) {
      events.add("cancel-requested " + order.getOrderId());
    }

    @Override
    public void onCancelRefused(HedgeOrder order, Rejection reason) {
      events.add("cancel-refused " + order.getOrderId() + " " + reason.code());
    }

    @Override
    public void onInDoubt(HedgeOrder order, String reason) {
      events.add("in-doubt " + order.getOrderId());
    }

    boolean saw(String event) {
      return events.contains(event);
    }
  }
}
