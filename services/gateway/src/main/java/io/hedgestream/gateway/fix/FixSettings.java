package io.hedgestream.gateway.fix;

import io.hedgestream.config.SettingsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the FIX route, read from {@code gateway.fix.*} (defaults in brackets). The session itself
 * (CompIDs, host, port, heartbeat, reconnect interval, TLS) is a QuickFIX/J settings file.
 *
 * <ul>
 *   <li>{@code gateway.fix.session-file} [deploy/config/fix-initiator.cfg] the QuickFIX/J initiator settings;
 *       the route uses its first session. FileStorePath is set by the gateway (under {@code state-dir}).
 *   <li>{@code gateway.fix.state-dir} [hedge-gateway-state] where the route keeps its message and sequence
 *       store ({@code fix-store/}) and the ClOrdIDs it has sent ({@code fix-sent-orders.log}); it must
 *       survive restarts.
 *   <li>{@code gateway.fix.username} [none] Username (553) on Logon.
 *   <li>{@code gateway.fix.password-file} [none] a file whose first line is the Password (554) on Logon;
 *       else the environment variable {@code HEDGE_FIX_PASSWORD}; never logged.
 *   <li>{@code gateway.fix.cancel-after} [0: never] an order still working at the venue after this long is
 *       canceled (OrderCancelRequest); ISO-8601 or seconds.
 *   <li>{@code gateway.fix.reconcile-timeout} [PT10S] how long after a logon the venue has to answer the
 *       status request of an order whose state the gateway does not know; after it the order is in doubt and
 *       its symbol halted.
 *   <li>{@code gateway.fix.paper-venue} [false] also run the paper exchange behind a FIX acceptor in this
 *       process ({@link PaperFixVenue}, settings {@code gateway.fix.venue-session-file}
 *       [deploy/config/fix-paper-venue.cfg]): the demo's loopback FIX session.
 *   <li>{@code gateway.fix.client-trades-session-file} [none: off] accept the desk's client option trades from
 *       its OMS on the acceptor sessions of this QuickFIX/J file ({@link FixClientTrades}), with any route;
 *       e.g. {@code deploy/config/fix-client-trades.cfg}. A Logon must carry the password above when one is set.
 * </ul>
 *
 * @param sessionFile the initiator's QuickFIX/J settings
 * @param stateDir the route's state directory
 * @param username Logon Username, or null
 * @param password Logon Password, or null
 * @param cancelAfter working time after which an order is canceled (zero: never)
 * @param reconcileTimeout how long a status request may go unanswered
 * @param paperVenue whether to run the paper venue's acceptor in-process
 * @param venueSessionFile the paper venue's QuickFIX/J settings
 * @param clientTradesFile the client-trade acceptor's QuickFIX/J settings, or null for none
 */
public record FixSettings(Path sessionFile, Path stateDir, String username, String password, Duration cancelAfter,
    Duration reconcileTimeout, boolean paperVenue, Path venueSessionFile, Path clientTradesFile) {

  /** The environment variable read for the Logon password when no password file is set. */
  public static final String PASSWORD_ENV = "HEDGE_FIX_PASSWORD";

  /** Settings without a client-trade acceptor. */
  public FixSettings(Path sessionFile, Path stateDir, String username, String password, Duration cancelAfter,
      Duration reconcileTimeout, boolean paperVenue, Path venueSessionFile) {
    this(sessionFile, stateDir, username, password, cancelAfter, reconcileTimeout, paperVenue, venueSessionFile, null);
  }

  /** Validates the fields. */
  public FixSettings {
    Objects.requireNonNull(sessionFile, "sessionFile");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(venueSessionFile, "venueSessionFile");
    if (cancelAfter.isNegative() || reconcileTimeout.isNegative() || reconcileTimeout.isZero()) {
      throw new IllegalArgumentException("cancelAfter must be >= 0 and reconcileTimeout > 0");
    }
  }

  /** The settings from {@code gateway.fix.*}, with the password from its file or the environment. */
  public static FixSettings from(SettingsReader in, Map<String, String> environment) {
    String passwordFile = in.text("gateway.fix.password-file", "");
    String password = environment.get(PASSWORD_ENV);
    if (!passwordFile.isEmpty()) {
      try {
        password = Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8).stream().findFirst().orElse("");
      } catch (IOException e) {
        in.error("gateway.fix.password-file=" + passwordFile + ": cannot read it (" + e.getClass().getSimpleName() + ")");
      }
    }
    String username = in.text("gateway.fix.username", "");
    String clientTrades = in.text("gateway.fix.client-trades-session-file", "");
    return new FixSettings(
        Path.of(in.text("gateway.fix.session-file", "deploy/config/fix-initiator.cfg")),
        Path.of(in.text("gateway.fix.state-dir", "hedge-gateway-state")),
        username.isEmpty() ? null : username,
        password == null || password.isEmpty() ? null : password,
        in.nonNegativeDuration("gateway.fix.cancel-after", Duration.ZERO),
        in.positiveDuration("gateway.fix.reconcile-timeout", Duration.ofSeconds(10)),
        in.bool("gateway.fix.paper-venue", false),
        Path.of(in.text("gateway.fix.venue-session-file", "deploy/config/fix-paper-venue.cfg")),
        clientTrades.isEmpty() ? null : Path.of(clientTrades));
  }

  /** The same settings with another state directory. */
  public FixSettings withStateDir(Path dir) {
    return new FixSettings(sessionFile, dir, username, password, cancelAfter, reconcileTimeout, paperVenue,
        venueSessionFile, clientTradesFile);
  }

  /** The same settings accepting client trades on the sessions of {@code file}. */
  public FixSettings withClientTrades(Path file) {
    return new FixSettings(sessionFile, stateDir, username, password, cancelAfter, reconcileTimeout, paperVenue,
        venueSessionFile, file);
  }

  /** Without the password, which is never printed. */
  @Override
  public String toString() {
    return "FixSettings[sessionFile=" + sessionFile + ", stateDir=" + stateDir + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", cancelAfter=" + cancelAfter
        + ", reconcileTimeout=" + reconcileTimeout + ", paperVenue=" + paperVenue + ", venueSessionFile="
        + venueSessionFile + ", clientTradesFile=" + clientTradesFile + "]";
  }
}
