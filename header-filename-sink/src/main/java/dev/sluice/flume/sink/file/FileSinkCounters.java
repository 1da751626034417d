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
package dev.sluice.flume.sink.file;

import dev.sluice.flume.common.counters.ExtendedSinkCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The sink's counters: Flume's {@code SinkCounter} attributes plus the ones named here, in one
 * MBean ({@code org.apache.flume.sink:type=<sink name>}), so they show in JMX and in Flume's HTTP
 * metrics JSON. {@code docs/header-filename-sink.md} lists them; a test keeps the two in step.
 */
final class FileSinkCounters {
  static final String OPEN_FILES = "OpenFiles";
  static final String FILES_CREATED = "FilesCreated";
  static final String FILES_CLOSED = "FilesClosed";
  static final String FILES_ROLLED = "FilesRolled";
  static final String FILES_CLOSED_IDLE = "FilesClosedIdle";
  static final String FILES_CLOSED_LRU = "FilesClosedLru";
  static final String EVENTS_WRITTEN = "EventsWritten";
  static final String BYTES_WRITTEN = "BytesWritten";
  static final String EVENTS_REFUSED = "EventsRefused";
  static final String EVENTS_TO_DEFAULT_FILE = "EventsToDefaultFile";
  static final String EVENTS_TO_DEAD_LETTER = "EventsToDeadLetter";
  static final String WRITE_FAILURES = "WriteFailures";
  static final String FILES_CUT_BACK = "FilesCutBack";
  static final String FILES_RECOVERED = "FilesRecovered";
  static final String RECOVERY_CUTS = "RecoveryCuts";
  static final String RECOVERY_BYTES_CUT = "RecoveryBytesCut";
  static final String RECOVERY_EMPTY_FILES_DELETED = "RecoveryEmptyFilesDeleted";

  /** Why a file was closed. */
  enum CloseCause {
    /** rollInterval, rollSize or rollCount reached. */
    ROLLED,
    /** No event for idleTimeout. */
    IDLE,
    /** Least recently used when maxOpenFiles were open. */
    LRU,
    /** The sink stopped. */
    STOPPED
  }

  private final ExtendedSinkCounter counter;

  FileSinkCounters(String sinkName, LongSupplier openFiles) {
    this.counter = new ExtendedSinkCounter(sinkName, monotonicNames());
    counter.gauge(OPEN_FILES, openFiles);
  }

  /** The names of the monotonic counters, in the order they are documented. */
  static List<String> monotonicNames() {
    List<String> names = new ArrayList<>();
    names.add(FILES_CREATED);
    names.add(FILES_CLOSED);
    names.add(FILES_ROLLED);
    names.add(FILES_CLOSED_IDLE);
    names.add(FILES_CLOSED_LRU);
    names.add(EVENTS_WRITTEN);
    names.add(BYTES_WRITTEN);
    names.add(EVENTS_REFUSED);
    for (RefusalReason r : RefusalReason.values()) {
      names.add(r.counter());
    }
    names.add(EVENTS_TO_DEFAULT_FILE);
    names.add(EVENTS_TO_DEAD_LETTER);
    names.add(WRITE_FAILURES);
    names.add(FILES_CUT_BACK);
    names.add(FILES_RECOVERED);
    names.add(RECOVERY_CUTS);
    names.add(RECOVERY_BYTES_CUT);
    names.add(RECOVERY_EMPTY_FILES_DELETED);
    return names;
  }

  ExtendedSinkCounter flumeCounter() {
    return counter;
  }

  long get(String name) {
    return counter.value(name);
  }

  void fileCreated() {
    counter.addOne(FILES_CREATED);
  }

  void fileClosed(CloseCause cause) {
    counter.addOne(FILES_CLOSED);
    switch (cause) {
      case ROLLED:
        counter.addOne(FILES_ROLLED);
        break;
      case IDLE:
        counter.addOne(FILES_CLOSED_IDLE);
        break;
      case LRU:
        counter.addOne(FILES_CLOSED_LRU);
        break;
      default:
        break;
    }
  }

  void written(long events, long bytes) {
    counter.add(EVENTS_WRITTEN, events);
    counter.add(BYTES_WRITTEN, bytes);
  }

  void refused(RefusalReason reason, RefusedEventPolicy policy) {
    counter.addOne(EVENTS_REFUSED);
    counter.addOne(reason.counter());
    if (policy == RefusedEventPolicy.DEFAULT_FILE) {
      counter.addOne(EVENTS_TO_DEFAULT_FILE);
    } else if (policy == RefusedEventPolicy.DEAD_LETTER) {
      counter.addOne(EVENTS_TO_DEAD_LETTER);
    }
  }

  void writeFailure() {
    counter.addOne(WRITE_FAILURES);
  }

  /** A file written by a failed batch was cut back to its last flush. */
  void fileCutBack() {
    counter.addOne(FILES_CUT_BACK);
  }

  void recovered() {
    counter.addOne(FILES_RECOVERED);
  }

  void recoveryCut(long bytes) {
    counter.addOne(RECOVERY_CUTS);
    counter.add(RECOVERY_BYTES_CUT, bytes);
  }

  void recoveryEmptyDeleted() {
    counter.addOne(RECOVERY_EMPTY_FILES_DELETED);
  }
}
