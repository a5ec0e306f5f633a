package io.hedgestream.gateway.fix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;

/**
 * A desk's OMS as a FIX 4.4 initiator a test drives: it logs on (with a password when given), sends what the
 * test writes, and keeps every message the gateway sends back (Rejects, acks, BusinessMessageRejects).
 */
public final class ScriptedOms implements AutoCloseable {

  /** Every message received, admin and application, in order. */
  public final List<Message> received = new CopyOnWriteArrayList<>();
  private final SocketInitiator initiator;
  private volatile SessionID session;
  private final String password;

  /** Connects with the initiator settings of {@code sessionFile}, its store under {@code storeDir}. */
  public ScriptedOms(Path sessionFile, Path storeDir, String password) {
    this.password = password;
    try (InputStream in = Files.newInputStream(sessionFile)) {
      SessionSettings settings = new SessionSettings(in);
      settings.setString("FileStorePath", storeDir.toString());
      initiator = new SocketInitiator(new App(), new FileStoreFactory(settings), settings,
          new ScreenLogFactory(false, false, false), new DefaultMessageFactory());
      initiator.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ConfigError e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean loggedOn() {
    Session s = session == null ? null : Session.lookupSession(session);
    return s != null && s.isLoggedOn();
  }

  public void send(Message message) {
    try {
      Session.sendToTarget(message, session);
    } catch (SessionNotFound e) {
      throw new IllegalStateException(e);
    }
  }

  /** The received messages of one MsgType. */
  public List<Message> received(String msgType) {
    return received.stream().filter(m -> {
      try {
        return msgType.equals(m.getHeader().getString(MsgType.FIELD));
      } catch (FieldNotFound e) {
        return false;
      }
    }).toList();
  }

  @Override
  public void close() {
    initiator.stop(true);
  }

  private final class App implements Application {
    @Override
    public void onCreate(SessionID id) {
      session = id;
    }

    @Override
    public void onLogon(SessionID id) {
    }

    @Override
    public void onLogout(SessionID id) {
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
      try {
        if (password != null && MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
          message.setString(Password.FIELD, password);
        }
      } catch (FieldNotFound e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void fromAdmin(Message message, SessionID id) {
      received.add(message);
    }

    @Override
    public void toApp(Message message, SessionID id) {
    }

    @Override
    public void fromApp(Message message, SessionID id) {
      received.add(message);
    }
  }
}
