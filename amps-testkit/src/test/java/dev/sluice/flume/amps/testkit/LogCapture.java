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
package dev.sluice.flume.amps.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the testkit's log records while open. */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.sluice.flume.amps.testkit");
  private final List<String> messages = new ArrayList<>();

  LogCapture() {
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    messages.add(r.getLevel() + " " + r.getMessage());
  }

  synchronized List<String> messages() {
    return new ArrayList<>(messages);
  }

  synchronized boolean contains(String text) {
    return messages.stream().anyMatch(m -> m.contains(text));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
