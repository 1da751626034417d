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

import dev.sluice.flume.common.log.ThrottledLog;
import dev.sluice.flume.common.sink.BatchWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.flume.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch: route each event to its file, write it, then flush (and with {@code sync}, force)
 * every file the batch touched, so the template commits only when the whole batch is in files. On
 * any failure the files the batch touched are cut back to their last flush before the transaction
 * rolls back, so the redelivered batch leaves neither a partial record nor a second copy in them.
 */
final class FileBatchWriter implements BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FileBatchWriter.class);

  /** How often open files are checked for idleTimeout and rollInterval, at most. */
  static final long HOUSEKEEPING_MILLIS = 1000;

  /** The {@code fail} policy met a refused event: the batch is rolled back. */
  static final class RefusedEventException extends Exception {
    private static final long serialVersionUID = 1L;

    RefusedEventException(String message) {
      super(message);
    }
  }

  private final String sinkName;
  private final Path base;
  private final Path deadLetter;
  private final PathResolver resolver;
  private final FileTable table;
  private final RefusedEventPolicy policy;
  private final String defaultFile;
  private final boolean sync;
  private final FileSinkCounters counters;
  private final LongSupplier clock;
  private final ThrottledLog refusalLog = new ThrottledLog(1, TimeUnit.MINUTES);
  private final ThrottledLog housekeepingLog = new ThrottledLog(1, TimeUnit.MINUTES);
  private final Set<OpenFile> touched = new LinkedHashSet<>();
  private long lastHousekeeping;

  /**
   * @param base the real path of the base directory
   * @param deadLetter the real path of the dead-letter directory, or null
   */
  FileBatchWriter(
      String sinkName,
      Path base,
      Path deadLetter,
      PathResolver resolver,
      FileTable table,
      RefusedEventPolicy policy,
      String defaultFile,
      boolean sync,
      FileSinkCounters counters,
      LongSupplier clock) {
    this.sinkName = sinkName;
    this.base = base;
    this.deadLetter = deadLetter;
    this.resolver = resolver;
    this.table = table;
    this.policy = policy;
    this.defaultFile = defaultFile;
    this.sync = sync;
    this.counters = counters;
    this.clock = clock;
    this.lastHousekeeping = clock.getAsLong();
  }

  @Override
  public void write(List<Event> events) throws IOException, RefusedEventException {
    long now = clock.getAsLong();
    long bytes = 0;
    touched.clear();
    boolean flushed = false;
    try {
      // Events in a row for the same path (most traffic) skip the lookup: same accepted path,
      // same open file, as long as it is open and not due to roll by time.
      OpenFile last = null;
      String lastRaw = null;
      for (Event e : events) {
        String raw = resolver.raw(e.getHeaders());
        OpenFile f;
        if (last != null && raw != null && raw.equals(lastRaw) && table.isCurrent(last, now)) {
          f = last;
        } else {
          PathResolver.Resolution res = resolver.resolveRaw(raw);
          f = fileFor(e, res, now);
          lastRaw = res.refusal() == null ? raw : null;
          if (f != last) {
            touched.add(f);
          }
        }
        long before = f.bytes();
        f.write(e, now);
        bytes += f.bytes() - before;
        last = f;
        table.afterWrite(f);
      }
      for (OpenFile f : touched) {
        if (f.isOpen()) {
          f.flush(sync);
        }
      }
      flushed = true;
    } catch (IOException | RuntimeException e) {
      counters.writeFailure();
      throw e;
    } finally {
      if (!flushed) {
        table.abort(touched);
      }
      touched.clear();
    }
    counters.written(events.size(), bytes);
    housekeeping(now);
  }

  @Override
  public void idle() {
    housekeeping(clock.getAsLong());
  }

  private OpenFile fileFor(Event e, PathResolver.Resolution res, long now)
      throws IOException, RefusedEventException {
    RefusalReason reason = res.refusal();
    String detail = null;
    if (reason == null) {
      try {
        return table.fileFor(res.target(base), now);
      } catch (RefusedPathException refused) {
        reason = refused.reason();
        detail = refused.getMessage();
      }
    }
    counters.refused(reason, policy);
    logRefusal(reason, res.path() == null ? rawPath(e) : res.path(), detail);
    try {
      switch (policy) {
        case DEFAULT_FILE:
          return table.fileFor(new Target(base, defaultFile), now);
        case DEAD_LETTER:
          return table.fileFor(new Target(deadLetter, reason.label()), now);
        default:
          throw new RefusedEventException(
              "event refused ("
                  + reason.label()
                  + ") and sink.refusedEventPolicy = fail: the batch stays in the channel");
      }
    } catch (RefusedPathException fallbackRefused) {
      throw new IOException(
          "the file for refused events is itself refused: " + fallbackRefused.getMessage(),
          fallbackRefused);
    }
  }

  private String rawPath(Event e) {
    String h = resolver.header();
    return h == null ? "(template " + resolver.template() + ")" : e.getHeaders().get(h);
  }

  private void logRefusal(RefusalReason reason, String path, String detail) {
    long held = refusalLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Sink '{}': refused path {} ({}{}), event sent to {} ({} more refusals since the last"
              + " message; see the EventsRefused counters)",
          sinkName,
          printable(path),
          reason.label(),
          detail == null ? "" : ": " + detail,
          policyLabel(),
          held);
    }
  }

  private String policyLabel() {
    switch (policy) {
      case DEFAULT_FILE:
        return "the default file " + defaultFile;
      case DEAD_LETTER:
        return "the dead-letter directory " + deadLetter;
      default:
        return "nowhere: the batch fails";
    }
  }

  /** A path for a log line: control characters escaped, at most 300 characters. */
  static String printable(String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length() && b.length() < 300; i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= 300) {
      b.append("...");
    }
    return b.append('\'').toString();
  }

  private void housekeeping(long now) {
    if (now - lastHousekeeping < HOUSEKEEPING_MILLIS && now >= lastHousekeeping) {
      return;
    }
    lastHousekeeping = now;
    try {
      table.closeExpired(now);
    } catch (IOException | RuntimeException e) {
      // The file was cut back to its last flush (or left for a retry); its events were
      // committed with that flush, so nothing is lost and the channel need not know.
      counters.writeFailure();
      long held = housekeepingLog.tryAcquire();
      if (held >= 0) {
        LOG.warn(
            "Sink '{}': could not close an idle or rolled file ({} more since the last message)",
            sinkName,
            held,
            e);
      }
    }
    table.retryStranded();
  }
}
