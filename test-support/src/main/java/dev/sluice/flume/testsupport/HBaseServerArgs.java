/*
 * Copyright 2026 The Sluice Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.sluice.flume.testsupport;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@link HBaseServer} tells its child JVM ({@link HBaseServerMain}): the data directory, the
 * loopback ports of ZooKeeper, the master and the region server, and the tables to create. Written
 * as program arguments by the test JVM and parsed by the child, so that both sides agree on one
 * format without either loading HBase.
 */
final class HBaseServerArgs {
  private static final Pattern TABLE_NAME =
      Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.-]*:)?[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  final Path dataDir;
  final int zookeeperPort;
  final int masterPort;
  final int regionServerPort;

  /** Table name to column families, in the order given. */
  final Map<String, List<String>> tables;

  HBaseServerArgs(
      Path dataDir,
      int zookeeperPort,
      int masterPort,
      int regionServerPort,
      Map<String, List<String>> tables) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.zookeeperPort = port("zookeeper port", zookeeperPort);
    this.masterPort = port("master port", masterPort);
    this.regionServerPort = port("region server port", regionServerPort);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    tables.forEach((name, families) -> copy.put(checkTable(name, families), List.copyOf(families)));
    this.tables = Collections.unmodifiableMap(copy);
  }

  /**
   * Checks a table name ({@code table} or {@code namespace:table}) and its families.
   *
   * @return the name
   */
  static String checkTable(String name, List<String> families) {
    if (name == null || !TABLE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "table name must match " + TABLE_NAME.pattern() + ", was " + name);
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs at least one column family");
    }
    for (String family : families) {
      if (family == null || !FAMILY.matcher(family).matches()) {
        throw new IllegalArgumentException(
            "column family of table "
                + name
                + " must match "
                + FAMILY.pattern()
                + ", was "
                + family);
      }
    }
    if (families.stream().distinct().count() != families.size()) {
      throw new IllegalArgumentException(
          "table " + name + " names a column family twice: " + families);
    }
    return name;
  }

  List<String> toArgs() {
    List<String> args = new ArrayList<>();
    args.add("--data-dir");
    args.add(dataDir.toString());
    args.add("--zookeeper-port");
    args.add(Integer.toString(zookeeperPort));
    args.add("--master-port");
    args.add(Integer.toString(masterPort));
    args.add("--region-server-port");
    args.add(Integer.toString(regionServerPort));
    tables.forEach(
        (name, families) -> {
          args.add("--table");
          args.add(name);
          args.add(String.join(",", families));
        });
    return args;
  }

  static HBaseServerArgs parse(String... args) {
    Path dataDir = null;
    int zookeeperPort = 0;
    int masterPort = 0;
    int regionServerPort = 0;
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--data-dir":
          dataDir = Paths.get(value(args, ++i, option));
          break;
        case "--zookeeper-port":
          zookeeperPort = number(args, ++i, option);
          break;
        case "--master-port":
          masterPort = number(args, ++i, option);
          break;
        case "--region-server-port":
          regionServerPort = number(args, ++i, option);
          break;
        case "--table":
          String name = value(args, ++i, option);
          tables.put(name, List.of(value(args, ++i, option + " " + name).split(",", -1)));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    return new HBaseServerArgs(dataDir, zookeeperPort, masterPort, regionServerPort, tables);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int number(String[] args, int index, String option) {
    String text = value(args, index, option);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a port number, was " + text, e);
    }
  }

  private static int port(String what, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(what + " must be in 1..65535, was " + port);
    }
    return port;
  }
}
