package io.hedgestream.replaydata;

import java.nio.file.Path;

/**
 * A data file that is not what its manifest says (or not readable): the message names the file and what
 * differs, e.g. {@code spy_daily.csv line 7: date 2018-02-05 is not after 2018-02-06 (dates must ascend)}.
 */
public final class DataValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * An error about one file.
   *
   * @param file the file
   * @param what what is wrong
   */
  public DataValidationException(Path file, String what) {
    super(file.getFileName() + ": " + what + " (" + file.toAbsolutePath() + ")");
  }

  /**
   * An error about one file with a cause.
   *
   * @param file the file
   * @param what what is wrong
   * @param cause the underlying error
   */
  public DataValidationException(Path file, String what, Throwable cause) {
    super(file.getFileName() + ": " + what + " (" + file.toAbsolutePath() + ")", cause);
  }
}
