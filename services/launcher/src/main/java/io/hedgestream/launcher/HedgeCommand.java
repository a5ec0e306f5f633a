package io.hedgestream.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hedge} command: {@code demo}, {@code engine}, {@code feed}, {@code gateway}. The root
 * {@code ./hedge} script starts this class and also handles {@code test} and the trainer's commands.
 */
@Command(name = "hedge", mixinStandardHelpOptions = true, versionProvider = HedgeVersion.class,
    description = "HedgeStream: hedge an options book in real time on Kafka.",
    subcommands = {DemoCommand.class, BrokerCommand.class, EngineCommand.class, FeedCommand.class,
        GatewayCommand.class, MonitorCommand.class, TopicsCommand.class, OperatorCommand.class, JournalCommand.class, ReplayCommand.class,
        ChaosCommand.class},
    footer = {"", "The ./hedge script also runs: test (every test), train|eval|export|bench-train|reproduce "
        + "(the Python trainer). Run ./hedge --help for those."})
public final class HedgeCommand implements Runnable {

  /** Exit code for a configuration the command rejected. */
  static final int EXIT_CONFIG = 2;
  /** Exit code for a failure while running. */
  static final int EXIT_FAILURE = 1;

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  public HedgeCommand() {}

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    int status = commandLine().execute(args);
    System.exit(status);
  }

  /** The configured command line (converters and error handling), for {@code main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new HedgeCommand());
    cli.registerConverter(Duration.class, new DurationText());
    cli.setExecutionExceptionHandler(HedgeCommand::report);
    return cli;
  }

  /** Reports a failure in one or two lines; the stack trace only with HEDGE_DEBUG set. */
  private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean config = e instanceof IllegalArgumentException;
    err.println("hedge " + cli.getCommandName() + ": " + (config ? "" : "failed: ") + message(e));
    String hint = securityHint(e);
    if (hint != null) {
      err.println(hint);
    }
    if (System.getenv("HEDGE_DEBUG") != null) {
      e.printStackTrace(err);
    } else if (!config) {
      err.println("(set HEDGE_DEBUG=1 for the stack trace)");
    }
    return config ? EXIT_CONFIG : EXIT_FAILURE;
  }

  /** A line that says what to check when the cluster refused the client's identity or its rights. */
  static String securityHint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.apache.kafka.common.errors.ClusterAuthorizationException) {
        return "hedge: refused by the cluster's ACLs: the principal of kafka.sasl.jaas.config (or of the TLS "
            + "certificate) may write no topic at all here; each service runs as its own principal "
            + "(deploy/README.md, ACLs)";
      }
      if (cause instanceof org.apache.kafka.common.errors.AuthorizationException) {
        return "hedge: refused by the cluster's ACLs: the principal of kafka.sasl.jaas.config (or of the TLS "
            + "certificate) lacks this right; each service runs as its own principal (deploy/README.md, ACLs)";
      }
      if (cause instanceof org.apache.kafka.common.errors.AuthenticationException) {
        return "hedge: refused at login: check the user and password of kafka.sasl.jaas.config, the mechanism "
            + "(kafka.sasl.mechanism) and the truststore (passwords are never printed)";
      }
    }
    return null;
  }

  private static String message(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }
}
