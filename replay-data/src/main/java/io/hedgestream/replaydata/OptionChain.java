package io.hedgestream.replaydata;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated option-chain snapshot.
 *
 * @param dataset the manifest's dataset name
 * @param file the file read
 * @param sha256 the file's sha256
 * @param quotes the contracts, in file order, unique by contract symbol
 */
public record OptionChain(String dataset, Path file, String sha256, List<OptionQuote> quotes) {

  /** Copies the quotes. */
  public OptionChain {
    quotes = List.copyOf(quotes);
  }
}
