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

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transaction log: every message on a logged topic, in one global order, addressed by index
 * (the sequence part of its bookmark). Appending takes no lock: an index is claimed with one atomic
 * increment and the entry stored in its slot; a reader that reaches a claimed slot before it is
 * filled waits the few nanoseconds until it is. Optionally every entry is also written to {@code
 * txlog.bin} in a directory, so a new server on the same directory recovers the log, the SOW and
 * the publishers' last sequence numbers.
 */
final class TransactionLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TransactionLog.class.getName());
  private static final int CHUNK_BITS = 14;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MAX_CHUNKS = 1 << 16;
  static final String FILE_NAME = "txlog.bin";

  private final AtomicReferenceArray<AtomicReferenceArray<LogEntry>> chunks =
      new AtomicReferenceArray<>(MAX_CHUNKS);
  private final AtomicLong next;
  private final DataOutputStream file;
  private final Path path;

  private TransactionLog(long next, DataOutputStream file, Path path) {
    this.next = new AtomicLong(next);
    this.file = file;
    this.path = path;
  }

  /** A log kept in memory only. */
  static TransactionLog inMemory() {
    return new TransactionLog(1, null, null);
  }

  /** A log kept in {@code directory}, recovering whatever an earlier server wrote there. */
  static TransactionLog onDisk(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path p = directory.resolve(FILE_NAME);
    List<LogEntry> recovered = new ArrayList<>();
    long validBytes = 0;
    if (Files.exists(p)) {
      validBytes = readAll(p, recovered);
      if (validBytes < Files.size(p)) {
        LOG.warning(() -> "transaction log " + p + " ends with a partial record; it is truncated");
        try (var ch = Files.newByteChannel(p, StandardOpenOption.WRITE)) {
          ch.truncate(validBytes);
        }
      }
    }
    recovered.sort(Comparator.comparingLong(e -> e.index));
    long next = recovered.isEmpty() ? 1 : recovered.get(recovered.size() - 1).index + 1;
    OutputStream os =
        Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    TransactionLog log =
        new TransactionLog(next, new DataOutputStream(new BufferedOutputStream(os, 1 << 16)), p);
    for (LogEntry e : recovered) {
      log.store(e);
    }
    // Slots lost in a crash between claim and write are filled with placeholders.
    for (long i = 1; i < next; i++) {
      if (log.slot(i).get(offset(i)) == null) {
        log.store(new LogEntry(i, LogEntry.DELETE, "", "", 0, 0, 0, null, new byte[0]));
      }
    }
    return log;
  }

  private static long readAll(Path p, List<LogEntry> out) throws IOException {
    long valid = 0;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(p), 1 << 16);
        DataInputStream data = new DataInputStream(in)) {
      while (true) {
        int length;
        try {
          length = data.readInt();
        } catch (EOFException e) {
          return valid;
        }
        byte[] record = new byte[length];
        try {
          data.readFully(record);
        } catch (EOFException e) {
          return valid;
        }
        DataInputStream r = new DataInputStream(new java.io.ByteArrayInputStream(record));
        long index = r.readLong();
        byte kind = r.readByte();
        String topic = r.readUTF();
        String publisher = r.readUTF();
        long publisherId = r.readLong();
        long clientSeq = r.readLong();
        long ts = r.readLong();
        String key = r.readUTF();
        byte[] body = new byte[r.readInt()];
        r.readFully(body);
        out.add(
            new LogEntry(
                index,
                kind,
                topic,
                publisher,
                publisherId,
                clientSeq,
                ts,
                key.isEmpty() ? null : key,
                body));
        valid += 4 + length;
      }
    }
  }

  private static int offset(long index) {
    return (int) (index & (CHUNK_SIZE - 1));
  }

  private AtomicReferenceArray<LogEntry> slot(long index) {
    int c = (int) (index >>> CHUNK_BITS);
    if (c >= MAX_CHUNKS) {
      throw new IllegalStateException("transaction log is full");
    }
    AtomicReferenceArray<LogEntry> chunk = chunks.get(c);
    if (chunk == null) {
      chunks.compareAndSet(c, null, new AtomicReferenceArray<>(CHUNK_SIZE));
      chunk = chunks.get(c);
    }
    return chunk;
  }

  private void store(LogEntry e) {
    slot(e.index).set(offset(e.index), e);
  }

  /** Claims the next index and stores the entry built for it. */
  LogEntry append(
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      String sowKey,
      byte[] body) {
    long index = next.getAndIncrement();
    LogEntry e =
        new LogEntry(
            index,
            kind,
            topic,
            publisher,
            publisherId,
            clientSequence,
            System.currentTimeMillis(),
            sowKey,
            body);
    store(e);
    if (file != null) {
      write(e);
    }
    return e;
  }

  private void write(LogEntry e) {
    synchronized (file) {
      try {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 + e.body.length);
        DataOutputStream r = new DataOutputStream(bytes);
        r.writeLong(e.index);
        r.writeByte(e.kind);
        r.writeUTF(e.topic);
        r.writeUTF(e.publisher);
        r.writeLong(e.publisherId);
        r.writeLong(e.clientSequence);
        r.writeLong(e.timestampMillis);
        r.writeUTF(e.sowKey == null ? "" : e.sowKey);
        r.writeInt(e.body.length);
        r.write(e.body);
        r.flush();
        file.writeInt(bytes.size());
        bytes.writeTo(file);
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write the transaction log " + path, ex);
      }
    }
  }

  /** Pushes buffered records to the file before persisted acks are sent. */
  void flush() {
    if (file == null) {
      return;
    }
    synchronized (file) {
      try {
        file.flush();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "cannot flush the transaction log " + path, ex);
      }
    }
  }

  /** The index the next append will get; every index below it is claimed. */
  long nextIndex() {
    return next.get();
  }

  /**
   * The entry at {@code index} (1 ≤ index &lt; {@link #nextIndex()}), waiting if it is in flight.
   */
  LogEntry get(long index) {
    AtomicReferenceArray<LogEntry> chunk = slot(index);
    int o = offset(index);
    LogEntry e = chunk.get(o);
    int spins = 0;
    while (e == null) {
      if (++spins > 1000) {
        Thread.yield();
      } else {
        Thread.onSpinWait();
      }
      e = chunk.get(o);
    }
    return e;
  }

  /** Index of the first entry at or after {@code millis}, or {@link #nextIndex()}. */
  long firstAtOrAfter(long millis) {
    long end = nextIndex();
    for (long i = 1; i < end; i++) {
      if (get(i).timestampMillis >= millis) {
        return i;
      }
    }
    return end;
  }

  boolean isOnDisk() {
    return file != null;
  }

  @Override
  public void close() {
    if (file == null) {
      return;
    }
    synchronized (file) {
      try {
        file.close();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "cannot close the transaction log " + path, ex);
      }
    }
  }
}
