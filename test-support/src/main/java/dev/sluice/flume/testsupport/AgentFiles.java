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

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The files of a {@link FlumeAgent}'s work directory: {@code conf/<agent>.properties}, {@code
 * conf/log4j2.xml}, {@code plugins.d/}, {@code logs/flume.log} and {@code logs/console.log}.
 */
final class AgentFiles {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  final Path confDir;
  final Path propertiesFile;
  final Path log4jFile;
  final Path pluginsDir;
  final Path logFile;
  final Path consoleLog;

  AgentFiles(Path workDir, String agentName) {
    this.confDir = workDir.resolve("conf");
    this.propertiesFile = confDir.resolve(agentName + ".properties");
    this.log4jFile = confDir.resolve("log4j2.xml");
    this.pluginsDir = workDir.resolve("plugins.d");
    this.logFile = workDir.resolve("logs").resolve("flume.log");
    this.consoleLog = workDir.resolve("logs").resolve("console.log");
  }

  /**
   * Checks a directory a builder is asked to create in an agent's work directory: relative, and
   * never leaving it.
   */
  static String checkRelativeDirectory(String relative) {
    if (relative == null
        || relative.isEmpty()
        || Path.of(relative).isAbsolute()
        || relative.contains("..")) {
      throw new IllegalArgumentException(
          "directories are relative to the agent's work directory, was " + relative);
    }
    return relative;
  }

  /** Checks how long a builder is asked to wait for an agent's components. */
  static java.time.Duration checkStartupTimeout(java.time.Duration timeout) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("startup timeout must be positive, was " + timeout);
    }
    return timeout;
  }

  /** Creates {@code workDir} and each of {@code relative} in it. */
  static void createDirectories(Path workDir, List<String> relative) {
    try {
      Files.createDirectories(workDir);
      for (String d : relative) {
        Files.createDirectories(workDir.resolve(d));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directories of " + workDir, e);
    }
  }

  /** Writes the agent's properties and a log4j2 configuration that logs to {@link #logFile}. */
  void writeConfiguration(String agentName, String config, Map<String, String> logLevels) {
    try {
      Files.createDirectories(confDir);
      Files.createDirectories(logFile.getParent());
      Files.write(propertiesFile, config.getBytes(StandardCharsets.UTF_8));
      Files.write(
          log4jFile, log4jConfig(agentName, logFile, logLevels).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the configuration of agent " + agentName, e);
    }
  }

  static String log4jConfig(String agentName, Path logFile, Map<String, String> logLevels) {
    StringBuilder loggers = new StringBuilder();
    logLevels.forEach(
        (logger, level) ->
            loggers
                .append("    <Logger name=\"")
                .append(xml(logger))
                .append("\" level=\"")
                .append(level)
                .append("\"/>\n"));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by sluice test-support for agent "
        + xml(agentName)
        + ". -->\n"
        // Log4j's own shutdown hook would race Flume's agent-shutdown-hook and could stop the
        // appender before the components log how they closed: Flume's hook stops them first.
        + "<Configuration status=\"WARN\" shutdownHook=\"disable\">\n"
        + "  <Appenders>\n"
        + "    <File name=\"LogFile\" fileName=\""
        + xml(logFile.toString())
        + "\" append=\"true\">\n"
        + "      <PatternLayout pattern=\"%d{ISO8601} %-5p [%t] %c - %m%n\"/>\n"
        + "    </File>\n"
        + "  </Appenders>\n"
        + "  <Loggers>\n"
        + loggers
        + "    <Root level=\"INFO\">\n"
        + "      <AppenderRef ref=\"LogFile\"/>\n"
        + "    </Root>\n"
        + "  </Loggers>\n"
        + "</Configuration>\n";
  }

  /** {@code SOURCE.x}, {@code CHANNEL.y}, {@code SINK.z} for every component the agent lists. */
  static List<String> componentsOf(String agentName, String config) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(config));
    } catch (IOException e) {
      throw new IllegalArgumentException("agent configuration is not a properties file", e);
    }
    List<String> components = new ArrayList<>();
    addComponents(components, "SOURCE", properties.getProperty(agentName + ".sources"));
    addComponents(components, "CHANNEL", properties.getProperty(agentName + ".channels"));
    addComponents(components, "SINK", properties.getProperty(agentName + ".sinks"));
    if (components.isEmpty()) {
      throw new IllegalArgumentException(
          "the configuration defines no "
              + agentName
              + ".sources, "
              + agentName
              + ".channels or "
              + agentName
              + ".sinks; is the agent name right?");
    }
    return List.copyOf(components);
  }

  private static void addComponents(List<String> into, String type, String names) {
    if (names != null) {
      WHITESPACE
          .splitAsStream(names)
          .filter(component -> !component.isEmpty())
          .forEach(component -> into.add(type + "." + component));
    }
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
