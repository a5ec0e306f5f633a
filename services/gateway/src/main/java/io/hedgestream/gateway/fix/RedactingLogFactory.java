package io.hedgestream.gateway.fix;

import java.util.regex.Pattern;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SLF4JLogFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * QuickFIX/J's SLF4J message log with the Logon password (tag 554) and new password (925) replaced by
 * {@code ***}: the gateway logs every FIX message it sends and receives, never a credential.
 */
final class RedactingLogFactory implements LogFactory {

  private static final Pattern SECRET = Pattern.compile("(^|\u0001)(554|925)=[^\u0001]*");

  private final LogFactory slf4j;

  RedactingLogFactory(SessionSettings settings) {
    this.slf4j = new SLF4JLogFactory(settings);
  }

  /** {@code message} with every credential tag's value replaced. */
  static String redact(String message) {
    return message.indexOf("554=") < 0 && message.indexOf("925=") < 0 ? message
        : SECRET.matcher(message).replaceAll("$1$2=***");
  }

  @Override
  public Log create(SessionID sessionID) {
    Log log = slf4j.create(sessionID);
    return new Log() {
      @Override
      public void clear() {
        log.clear();
      }

      @Override
      public void onIncoming(String message) {
        log.onIncoming(redact(message));
      }

      @Override
      public void onOutgoing(String message) {
        log.onOutgoing(redact(message));
      }

      @Override
      public void onEvent(String text) {
        log.onEvent(redact(text));
      }

      @Override
      public void onErrorEvent(String text) {
        log.onErrorEvent(redact(text));
      }

      @Override
      public void onWarnEvent(String text) {
        log.onWarnEvent(redact(text));
      }
    };
  }
}
