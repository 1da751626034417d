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
package dev.sluice.flume.amps.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Everything logged under {@code dev.sluice} while open: messages and their exception chains. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final LoggerConfig loggerConfig;

  private CapturedLog(LoggerConfig loggerConfig) {
    super("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
    this.loggerConfig = loggerConfig;
  }

  static CapturedLog open() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    LoggerConfig lc = config.getLoggerConfig("dev.sluice");
    if (!lc.getName().equals("dev.sluice")) {
      lc = new LoggerConfig("dev.sluice", Level.DEBUG, true);
      config.addLogger("dev.sluice", lc);
    }
    lc.setLevel(Level.DEBUG);
    CapturedLog log = new CapturedLog(lc);
    log.start();
    lc.addAppender(log, Level.DEBUG, null);
    ctx.updateLoggers();
    return log;
  }

  @Override
  public synchronized void append(LogEvent event) {
    StringBuilder sb =
        new StringBuilder(event.getLevel().name())
            .append(' ')
            .append(event.getMessage().getFormattedMessage());
    for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
      sb.append("\n  caused by ").append(t);
    }
    lines.add(sb.toString());
  }

  synchronized String text() {
    return String.join("\n", lines);
  }

  synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  @Override
  public void close() {
    loggerConfig.removeAppender(getName());
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    stop();
  }
}
