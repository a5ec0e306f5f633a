package io.hedgestream.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hedge replay ingest|publish}: historical replay of SPY daily data (services/replay). A command
 * group, so that further replay commands (the full engine run with results) join it as subcommands.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Historical replay: ingest SPY/VIX/DTB3 into a Chronicle queue once, publish a window with a "
        + "liability flow to md.ticks and orders.client."},
    subcommands = {ReplayIngestCommand.class, ReplayPublishCommand.class, ReplayRunCommand.class})
final class ReplayCommand implements Runnable {

  @Spec
  CommandSpec spec;

  /** Used by picocli. */
  ReplayCommand() {}

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
