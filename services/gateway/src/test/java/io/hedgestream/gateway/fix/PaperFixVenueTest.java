package io.hedgestream.gateway.fix;

import static io.hedgestream.gateway.fix.FixTestKit.await;
import static io.hedgestream.gateway.fix.FixTestKit.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.Side;
import io.hedgestream.gateway.PaperExchangeConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.EncryptMethod;
import quickfix.field.HeartBtInt;
import quickfix.field.MsgSeqNum;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.TargetCompID;
import quickfix.fix44.Logon;

/**
 * The paper venue behind its FIX acceptor: the FIX route trades with it, and hostile input (garbage bytes,
 * a Logon with the wrong CompIDs or password) is dropped at the session level without harming the venue.
 */
class PaperFixVenueTest {

  @TempDir
  Path dir;
  private int port;
  private PaperFixVenue venue;
  private FixRoute route;
  private final FixTestKit.Recorder recorder = new FixTestKit.Recorder();

  @BeforeEach
  void start() {
    port = FixTestKit.freePort();
    venue = new PaperFixVenue(new PaperExchangeConfig(1.0, 0, 0, 100), FixTestKit.acceptorFile(dir, port), dir,
        "venue-pass");
  }

  @AfterEach
  void stop() {
    if (route != null) {
      route.close();
    }
    venue.close();
  }

  private void connect(String password) {
    route = new FixRoute(FixTestKit.settings(FixTestKit.initiatorFile(dir, port), dir.resolve("gateway"), password,
        Duration.ZERO, Duration.ofSeconds(10)), recorder, venue::onMarketData);
  }

  @Test
  void theRouteTradesUnderlyingAndOptionsAtThePaperVenue() {
    connect("venue-pass");
    await("logon", route::loggedOn);
    route.onMarketData(FixTestKit.tick("SPY", 99.5, 100.5), () -> { });
    route.submit(order("v-1", "SPY", Side.BUY, 10));
    route.submit(order("v-2", "SPY", Side.SELL, 4));
    HedgeOrder call = FixTestKit.optionOrder("v-3", "SPY", 100);
    route.submit(call);

    await("three fills", () -> recorder.fills.size() == 3);
    assertThat(recorder.fills).extracting(f -> f.getOrderId() + "@" + f.getPrice())
        .contains("v-1@100.5", "v-2@99.5");
    assertThat(recorder.fills.stream().filter(f -> f.getOrderId().equals("v-3")).findFirst().orElseThrow().getInstrument())
        .isEqualTo(call.getInstrument());
    assertThat(recorder.events).contains("accepted v-1", "accepted v-2", "accepted v-3");
  }

  @Test
  void anOrderTheVenueCannotTradeIsRejectedWithItsReason() {
    connect("venue-pass");
    await("logon", route::loggedOn);
    route.onMarketData(FixTestKit.tick("SPY", 99.5, 100.5), () -> { });
    HedgeOrder badLimit = order("v-4", "SPY", Side.BUY, 1);
    badLimit.setLimitPrice(50.0);
    route.submit(badLimit);
    await("reject", () -> recorder.saw("reject v-4 VENUE_REJECTED"));
    assertThat(recorder.fills).isEmpty();
  }

  @Test
  void aWrongPasswordNeverLogsOn() throws Exception {
    connect("guess");
    Thread.sleep(1_500);
    assertThat(route.loggedOn()).isFalse();
  }

  @Test
  void garbageAndStrangersAreDroppedAndTheVenueServesOnAfterwards() throws Exception {
    assertThat(answer("garbage\u0001\u0001\u0001 that is not FIX at all\n".getBytes(StandardCharsets.US_ASCII), 2_000))
        .as("garbage gets no answer").isEqualTo("(no answer)");
    Logon stranger = new Logon(new EncryptMethod(EncryptMethod.NONE_OTHER), new HeartBtInt(30));
    stranger.getHeader().setString(SenderCompID.FIELD, "STRANGER");
    stranger.getHeader().setString(TargetCompID.FIELD, FixTestKit.VENUE);
    stranger.getHeader().setInt(MsgSeqNum.FIELD, 1);
    stranger.getHeader().setUtcTimeStamp(SendingTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
    assertThat(answer(stranger.toString().getBytes(StandardCharsets.US_ASCII), 10_000))
        .as("a Logon with unknown CompIDs: dropped, not answered").isEqualTo("(closed)");

    connect("venue-pass");
    await("logon after the hostile connections", route::loggedOn);
    route.onMarketData(FixTestKit.tick("SPY", 99.5, 100.5), () -> { });
    route.submit(order("v-5", "SPY", Side.BUY, 1));
    await("fill", () -> recorder.fills.size() == 1);
  }

  /**
   * What the acceptor answers a connection that sent {@code bytes}: its bytes and {@code (closed)} when it closed
   * the connection, or {@code (no answer)} when it said nothing within {@code waitMillis}.
   */
  private String answer(byte[] bytes, int waitMillis) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(waitMillis);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      try {
        int b;
        while ((b = in.read()) >= 0) {
          answer.append((char) b);
        }
      } catch (SocketTimeoutException e) {
        return answer + "(no answer)";
      }
      return answer + "(closed)";
    }
  }
}
