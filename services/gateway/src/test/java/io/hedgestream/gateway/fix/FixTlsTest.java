package io.hedgestream.gateway.fix;

import static io.hedgestream.gateway.fix.FixTestKit.await;
import static io.hedgestream.gateway.fix.FixTestKit.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.hedgestream.avro.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIX session over TLS (QuickFIX/J's SocketUseSSL): the venue presents a certificate made for this test
 * (keytool), the gateway trusts it through its trust store and trades; a gateway without that trust never
 * logs on.
 */
class FixTlsTest {

  private static final String STORE_PASSWORD = "test-store-pass";

  @TempDir
  Path dir;
  private ScriptedVenue venue;
  private FixRoute route;
  private final FixTestKit.Recorder recorder = new FixTestKit.Recorder();

  @AfterEach
  void stop() {
    if (route != null) {
      route.close();
    }
    if (venue != null) {
      venue.close();
    }
  }

  @Test
  void theRouteTradesOverTlsWithAVenueItTrustsAndNeverLogsOnToOneItDoesNot() throws Exception {
    Path keyStore = dir.resolve("venue.p12");
    keytool("-genkeypair", "-alias", "venue", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
        "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    Path certificate = dir.resolve("venue.crt");
    keytool("-exportcert", "-alias", "venue", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
        "-storepass", STORE_PASSWORD, "-file", certificate.toString());
    Path trustStore = dir.resolve("gateway-trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "venue", "-file", certificate.toString(), "-keystore",
        trustStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
    Path otherStore = dir.resolve("other.p12");
    keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=other", "-keystore", otherStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);

    int port = FixTestKit.freePort();
    Path acceptor = FixTestKit.acceptorFile(dir, port);
    Files.writeString(acceptor, Files.readString(acceptor).replace("[session]", """
        SocketUseSSL=Y
        SocketKeyStore=%s
        SocketKeyStorePassword=%s
        KeyStoreType=PKCS12
        [session]""".formatted(keyStore, STORE_PASSWORD)));
    venue = new ScriptedVenue(acceptor, dir.resolve("venue-store"));
    venue.onOrder = (nos, v) -> v.send(v.fill(nos, 3, 50.0, 3, 3, "T1"));

    Path untrusting = tlsInitiator(dir.resolve("untrusting"), port, otherStore);
    route = new FixRoute(FixTestKit.settings(untrusting, dir.resolve("untrusting-state"), null, Duration.ZERO,
        Duration.ofSeconds(10)), recorder);
    Thread.sleep(2_500);
    assertThat(route.loggedOn()).as("a venue certificate the gateway does not trust: no session").isFalse();
    route.close();

    Path trusting = tlsInitiator(dir.resolve("trusting"), port, trustStore);
    route = new FixRoute(FixTestKit.settings(trusting, dir.resolve("gateway-state"), null, Duration.ZERO,
        Duration.ofSeconds(10)), recorder);
    await("logon over TLS", route::loggedOn);
    route.submit(order("tls-1", "SPY", Side.BUY, 3));
    await("the fill over TLS", () -> recorder.fills.size() == 1);
    assertThat(recorder.fills.get(0).getFillId()).isEqualTo("tls-1/T1");
  }

  /** The gateway's initiator file to {@code port} over TLS, trusting the certificates in {@code trustStore}. */
  private static Path tlsInitiator(Path dir, int port, Path trustStore) {
    Path file = FixTestKit.initiatorFile(dir, port);
    try {
      return Files.writeString(file, Files.readString(file).replace("[session]", """
          SocketUseSSL=Y
          SocketTrustStore=%s
          SocketTrustStorePassword=%s
          TrustStoreType=PKCS12
          [session]""".formatted(trustStore, STORE_PASSWORD)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs the JDK's keytool with {@code args}. */
  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
