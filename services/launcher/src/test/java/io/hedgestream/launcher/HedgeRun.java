package io.hedgestream.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A {@code hedge} command run in this JVM, as tests run operator commands.
 *
 * @param status the exit status
 * @param out what it printed
 * @param err what it printed as errors
 */
record HedgeRun(int status, String out, String err) {

  /** Runs {@code hedge args...}. */
  static HedgeRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = HedgeCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new HedgeRun(status, out.toString(), err.toString());
  }

  /** {@code status|out|err}. */
  @Override
  public String toString() {
    return status + "|" + out + "|" + err;
  }
}
