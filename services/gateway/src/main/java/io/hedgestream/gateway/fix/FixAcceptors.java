package io.hedgestream.gateway.fix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.slf4j.Logger;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.MsgType;
import quickfix.field.Password;

/**
 * What the gateway's own QuickFIX/J acceptors (the paper venue, the client-trade acceptor) share: starting from a
 * session file with the message store under the state directory and redacted logs, and the Logon password
 * check.
 */
final class FixAcceptors {

  private FixAcceptors() {}

  /**
   * Starts an acceptor.
   *
   * @param sessionFile the QuickFIX/J settings
   * @param storeDir where its message and sequence store goes
   * @param application what handles its sessions
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when QuickFIX/J refuses the settings (a port taken included)
   */
  static SocketAcceptor start(Path sessionFile, Path storeDir, Application application) {
    try (InputStream in = Files.newInputStream(sessionFile)) {
      SessionSettings settings = new SessionSettings(in);
      settings.setString("FileStorePath", storeDir.toString());
      SocketAcceptor acceptor = new SocketAcceptor(application, new FileStoreFactory(settings), settings,
          new RedactingLogFactory(settings), new DefaultMessageFactory());
      acceptor.start();
      return acceptor;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the FIX session file " + sessionFile, e);
    } catch (ConfigError e) {
      throw new IllegalArgumentException(sessionFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a Logon whose Password (554) is not {@code password} (constant-time comparison; a missing one
   * counts as wrong). Other admin messages, and every message when {@code password} is null, pass.
   *
   * @param who the acceptor, for the log line
   */
  static void checkLogon(Message message, SessionID id, String password, String who, Logger log)
      throws FieldNotFound, RejectLogon {
    if (password == null || !MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
      return;
    }
    String given = message.isSetField(Password.FIELD) ? message.getString(Password.FIELD) : "";
    if (!MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      log.warn("{}: Logon of {} refused: wrong or missing password", who, id);
      throw new RejectLogon("wrong or missing password");
    }
  }
}
