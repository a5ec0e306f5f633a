package io.hedgestream.replaydata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain CSV data file (no quoting: none of the datasets quotes a field) whose header has been checked
 * against its manifest, with typed accessors that report the file and line of a bad value.
 */
final class CsvFile {

  private final Path path;
  private final List<String> columns;
  private final List<String[]> rows;

  private CsvFile(Path path, List<String> columns, List<String[]> rows) {
    this.path = path;
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * Reads a file and checks its header against the manifest's columns.
   *
   * @throws DataValidationException when the file cannot be read, the header differs, or a row has the wrong
   *     number of fields
   */
  static CsvFile read(Path path, DatasetManifest manifest) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DataValidationException(path, "cannot read: " + e, e);
    }
    if (lines.isEmpty()) {
      throw new DataValidationException(path, "empty file, expected header " + String.join(",", manifest.columns()));
    }
    List<String> header = Arrays.asList(lines.get(0).replace("\uFEFF", "").strip().split(",", -1));
    if (!header.equals(manifest.columns())) {
      throw new DataValidationException(path, "header is " + String.join(",", header) + " but manifest "
          + manifest.dataset() + " expects " + String.join(",", manifest.columns()));
    }
    List<String[]> rows = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (fields.length != header.size()) {
        throw new DataValidationException(path, "line " + (i + 1) + " has " + fields.length + " fields, header has "
            + header.size());
      }
      rows.add(fields);
    }
    return new CsvFile(path, header, rows);
  }

  Path path() {
    return path;
  }

  int rowCount() {
    return rows.size();
  }

  /** The 0-based index of a column of the checked header. */
  int column(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + columns);
    }
    return index;
  }

  /** The raw text of a field. */
  String text(int row, int column) {
    return rows.get(row)[column].strip();
  }

  /** A date field (ISO). */
  LocalDate date(int row, int column) {
    String value = text(row, column);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new DataValidationException(path, where(row, column) + " is '" + value + "', not an ISO date", e);
    }
  }

  /** A numeric field; an empty field is NaN. */
  double number(int row, int column) {
    String value = text(row, column);
    if (value.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new DataValidationException(path, where(row, column) + " is '" + value + "', not a number", e);
    }
  }

  /** A numeric field that must be present, finite and &gt; 0. */
  double positive(int row, int column) {
    double value = number(row, column);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new DataValidationException(path, where(row, column) + " is '" + text(row, column)
          + "': prices must be finite and > 0");
    }
    return value;
  }

  /** {@code line N column NAME} of a 0-based data row (line 1 is the header). */
  String where(int row, int column) {
    return "line " + (row + 2) + " column " + columns.get(column);
  }
}
