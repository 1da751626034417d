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

import dev.sluice.flume.sink.file.FileSinkCounters.CloseCause;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flume.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's open files, least recently used first, and every way a file ends: rolled by time, size
 * or count, closed when idle, closed to make room under {@code maxOpenFiles}, cut back after a
 * failed batch, or closed when the sink stops.
 *
 * <p>Used from the sink's thread only, except {@link #openCount()} which the metrics read.
 */
final class FileTable {
  private static final Logger LOG = LoggerFactory.getLogger(FileTable.class);

  /** How many "next counter" hints to keep for names that are not open. */
  private static final int COUNTER_HINTS = 100_000;

  /** The rolling and closing rules, in milliseconds, bytes and events; 0 turns a rule off. */
  static final class Rules {
    final int maxOpenFiles;
    final long rollIntervalMillis;
    final long rollSize;
    final long rollCount;
    final long idleTimeoutMillis;
    final boolean sync;

    Rules(
        int maxOpenFiles,
        long rollIntervalMillis,
        long rollSize,
        long rollCount,
        long idleTimeoutMillis,
        boolean sync) {
      this.maxOpenFiles = maxOpenFiles;
      this.rollIntervalMillis = rollIntervalMillis;
      this.rollSize = rollSize;
      this.rollCount = rollCount;
      this.idleTimeoutMillis = idleTimeoutMillis;
      this.sync = sync;
    }
  }

  /** An in-use file left by a failed batch that could not be cut back or published yet. */
  private static final class Stranded {
    final Target target;
    final Path inUse;
    final Path directory;
    final String requested;
    final long counter;
    final long goodLength;

    Stranded(OpenFile f) {
      this.target = f.target();
      this.inUse = f.inUsePath();
      this.directory = f.directory();
      this.requested = f.requestedName();
      this.counter = f.counter();
      this.goodLength = f.flushedLength();
    }
  }

  private final Rules rules;
  private final DirectoryGuard guard;
  private final FileNaming naming;
  private final OutputFiles outputs;
  private final GzipMemberOutputStream.DeflaterPool deflaters;
  private final String serializerType;
  private final Context serializerContext;
  private final Publisher publisher;
  private final FileSinkCounters counters;

  private final LinkedHashMap<Target, OpenFile> open = new LinkedHashMap<>(64, 0.75f, true);
  private final LinkedHashMap<Target, Long> nextCounter =
      new LinkedHashMap<Target, Long>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Target, Long> eldest) {
          return size() > COUNTER_HINTS;
        }
      };
  private final List<Stranded> stranded = new ArrayList<>();
  private volatile int openCount;

  FileTable(
      Rules rules,
      DirectoryGuard guard,
      FileNaming naming,
      OutputFiles outputs,
      GzipMemberOutputStream.DeflaterPool deflaters,
      String serializerType,
      Context serializerContext,
      Publisher publisher,
      FileSinkCounters counters) {
    this.rules = rules;
    this.guard = guard;
    this.naming = naming;
    this.outputs = outputs;
    this.deflaters = deflaters;
    this.serializerType = serializerType;
    this.serializerContext = serializerContext;
    this.publisher = publisher;
    this.counters = counters;
  }

  /**
   * The open file for a target, opened (and the least recently used file closed, at {@code
   * maxOpenFiles}) when there is none, or rolled first when it has been open for {@code
   * rollInterval}.
   *
   * @throws RefusedPathException when the target's directory leads outside its root or is not a
   *     directory
   */
  OpenFile fileFor(Target target, long now) throws IOException, RefusedPathException {
    OpenFile f = open.get(target);
    if (f != null) {
      if (!rollIntervalReached(f, now)) {
        return f;
      }
      close(f, CloseCause.ROLLED);
    }
    Path dir = guard.parentOf(target.root(), target.relative());
    while (open.size() >= rules.maxOpenFiles) {
      close(open.values().iterator().next(), CloseCause.LRU);
    }
    f = create(target, dir, now);
    open.put(target, f);
    openCount = open.size();
    counters.fileCreated();
    return f;
  }

  /**
   * Whether {@code f}, the file the previous event went to, still takes events: open and not due to
   * roll by time. (It is then also the most recently used file already.)
   */
  boolean isCurrent(OpenFile f, long now) {
    return f.isOpen() && !rollIntervalReached(f, now);
  }

  private OpenFile create(Target target, Path dir, long now) throws IOException {
    String name = target.name();
    long n = nextCounter.getOrDefault(target, 0L);
    for (int tries = 0; tries < 100_000; tries++, n++) {
      String finished = naming.finishedName(name, n);
      if (naming.looksInUse(finished)
          || Files.exists(dir.resolve(finished), LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      Path inUse = dir.resolve(naming.inUseName(finished));
      OutputFiles.Output out;
      try {
        out = outputs.createNew(inUse);
      } catch (FileAlreadyExistsException taken) {
        continue;
      }
      if (rules.sync) {
        try {
          DirectoryGuard.syncDirectory(dir);
        } catch (IOException e) {
          out.close();
          Files.deleteIfExists(inUse);
          throw e;
        }
      }
      nextCounter.put(target, n + 1);
      try {
        return OpenFile.create(
            target, dir, name, n, inUse, now, out, deflaters, serializerType, serializerContext);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(inUse);
        throw e;
      }
    }
    throw new IOException("no free name for " + target + " after 100000 tries");
  }

  /** Rolls a file that has reached {@code rollSize} or {@code rollCount} with its last write. */
  void afterWrite(OpenFile f) throws IOException {
    if ((rules.rollSize > 0 && f.bytes() >= rules.rollSize)
        || (rules.rollCount > 0 && f.events() >= rules.rollCount)) {
      close(f, CloseCause.ROLLED);
    }
  }

  /** Closes files idle for {@code idleTimeout} and rolls those open for {@code rollInterval}. */
  void closeExpired(long now) throws IOException {
    List<OpenFile> due = new ArrayList<>();
    for (OpenFile f : open.values()) {
      if (rollIntervalReached(f, now) || idleTimeoutReached(f, now)) {
        due.add(f);
      }
    }
    for (OpenFile f : due) {
      close(f, rollIntervalReached(f, now) ? CloseCause.ROLLED : CloseCause.IDLE);
    }
  }

  private boolean rollIntervalReached(OpenFile f, long now) {
    return rules.rollIntervalMillis > 0 && now - f.openedAt() >= rules.rollIntervalMillis;
  }

  private boolean idleTimeoutReached(OpenFile f, long now) {
    return rules.idleTimeoutMillis > 0 && now - f.lastWriteAt() >= rules.idleTimeoutMillis;
  }

  /**
   * Finishes a file and gives it its finished name. On failure the file is cut back to its last
   * flush instead, and the failure is thrown.
   */
  void close(OpenFile f, CloseCause cause) throws IOException {
    forget(f);
    try {
      f.finish(rules.sync);
    } catch (IOException | RuntimeException e) {
      f.discard();
      cutBack(new Stranded(f));
      throw e;
    }
    try {
      publisher.publish(f.inUsePath(), f.directory(), f.requestedName(), f.counter());
    } catch (IOException | RuntimeException e) {
      stranded.add(new Stranded(f)); // whole and flushed: only the rename is left to do
      throw e;
    }
    counters.fileClosed(cause);
  }

  /**
   * After a failed batch: closes each file without writing what is buffered, cuts it back to its
   * last flush (whole records only) and publishes what is left, so the batch, which the channel
   * will deliver again, leaves no partial record and no copy behind. Files that cannot be cut back
   * now (a read-only disk) are retried by {@link #retryStranded()}.
   */
  void abort(Collection<OpenFile> files) {
    for (OpenFile f : files) {
      if (!f.isOpen()) {
        continue;
      }
      forget(f);
      f.discard();
      cutBack(new Stranded(f));
    }
  }

  private void cutBack(Stranded s) {
    try {
      finishStranded(s);
    } catch (IOException e) {
      stranded.add(s);
      LOG.warn(
          "Could not cut {} back to its last flushed length {} (will retry): {}",
          s.inUse,
          s.goodLength,
          e.toString());
    }
  }

  private void finishStranded(Stranded s) throws IOException {
    long size = Files.size(s.inUse);
    if (size > s.goodLength) {
      try (FileChannel ch = FileChannel.open(s.inUse, StandardOpenOption.WRITE)) {
        ch.truncate(s.goodLength);
        if (rules.sync) {
          ch.force(true);
        }
      }
      LOG.info("Cut {} back from {} to {} bytes after a failed batch", s.inUse, size, s.goodLength);
      counters.fileCutBack();
    }
    if (s.goodLength == 0) {
      Files.delete(s.inUse);
      nextCounter.computeIfPresent(s.target, (t, n) -> Math.min(n, s.counter)); // name free again
    } else {
      publisher.publish(s.inUse, s.directory, s.requested, s.counter);
    }
  }

  /** Tries again to cut back and publish files a failed batch left in use. */
  void retryStranded() {
    for (Iterator<Stranded> it = stranded.iterator(); it.hasNext(); ) {
      Stranded s = it.next();
      try {
        finishStranded(s);
        it.remove();
      } catch (IOException e) {
        LOG.debug("Still cannot finish {}: {}", s.inUse, e.toString());
      }
    }
  }

  boolean hasStranded() {
    return !stranded.isEmpty();
  }

  /** Closes every open file; failures are logged and the files left in use for recovery. */
  void closeAll() {
    for (OpenFile f : new ArrayList<>(open.values())) {
      try {
        close(f, CloseCause.STOPPED);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not finish {}; it is left for recovery at the next start", f, e);
      }
    }
    retryStranded();
    for (Stranded s : stranded) {
      LOG.warn("{} is left in use; it will be recovered at the next start", s.inUse);
    }
    stranded.clear();
  }

  private void forget(OpenFile f) {
    open.remove(f.target());
    openCount = open.size();
  }

  int openCount() {
    return openCount;
  }
}
