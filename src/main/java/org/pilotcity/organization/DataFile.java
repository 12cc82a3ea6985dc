package org.pilotcity.organization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the organization's comma-separated data files from the classpath: a header row, then one
 * record per line; blank lines and lines starting with '#' are comments. Fields hold no commas, so
 * no quoting is needed — a line with the wrong number of fields is refused with its line number.
 */
public final class DataFile {

  private DataFile() {}

  public static List<Map<String, String>> read(String classpathResource) {
    InputStream in = DataFile.class.getClassLoader().getResourceAsStream(classpathResource);
    if (in == null) {
      throw new IllegalStateException("Data file not found on the classpath: " + classpathResource);
    }
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<Map<String, String>> rows = new ArrayList<>();
      String[] header = null;
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (header == null) {
          header = fields;
          continue;
        }
        if (fields.length != header.length) {
          throw new IllegalStateException(String.format("%s line %d: expected %d fields %s, found %d",
              classpathResource, lineNumber, header.length, Arrays.toString(header), fields.length));
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i].trim(), fields[i].trim());
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + classpathResource, e);
    }
  }
}
