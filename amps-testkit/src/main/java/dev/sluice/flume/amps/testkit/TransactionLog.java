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

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongUnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transaction log: every message on a logged topic, in one global order, addressed by index
 * (the sequence part of its bookmark). In memory, appending takes no lock: an index is claimed with
 * one atomic increment and the entry stored in its slot; a reader that reaches a claimed slot
 * before it is filled waits the few nanoseconds until it is.
 *
 * <p>Optionally every entry is also written to {@code txlog.bin} in a directory, so a new server on
 * the same directory recovers the log, the SOW and the publishers' last sequence numbers. Then an
 * append claims its index and encodes its record under one lock (so the file holds the entries in
 * index order), and {@link #sync} makes everything appended so far durable: one write and one
 * {@code FileChannel.force} for every entry appended since the last sync, whoever appended it
 * (group commit). Persisted acks are sent only after a sync covering their messages returned true.
 * A write or force that fails (an I/O error, or one injected with {@link #failNext}) cuts the file
 * back to its last durable length and takes every entry since then out of the log: their slots
 * become placeholders that replay skips, and {@link #drainLost} hands them to the engine so it can
 * take them out of the SOW.
 */
final class TransactionLog implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(TransactionLog.class.getName());
  private static final int CHUNK_BITS = 14;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MAX_CHUNKS = 1 << 16;
  private static final int WRITE_OUT_BYTES = 1 << 20;
  static final String FILE_NAME = "txlog.bin";

  /** A failure {@link #failNext} injects into the next write or force of the file. */
  enum Fault {
    WRITE,
    FSYNC
  }

  private final AtomicReferenceArray<AtomicReferenceArray<LogEntry>> chunks =
      new AtomicReferenceArray<>(MAX_CHUNKS);
  private final AtomicLong next;
  private final Path path;

  // The file, and everything below, is guarded by `disk` (null for a log in memory).
  private final Object disk;
  private final FileChannel channel;
  private final boolean fsync;
  private final ByteArrayOutputStream unwritten = new ByteArrayOutputStream(1 << 16);
  private final List<long[]> lostRanges = new ArrayList<>();
  private final List<LogEntry> lostEntries = new ArrayList<>();
  private long writtenIndex;
  private long durableIndex;
  private long durableBytes;
  private Fault fault;

  private TransactionLog(long next, FileChannel channel, Path path, boolean fsync) {
    this.next = new AtomicLong(next);
    this.channel = channel;
    this.path = path;
    this.fsync = fsync;
    this.disk = channel == null ? null : new Object();
    this.writtenIndex = next - 1;
    this.durableIndex = next - 1;
  }

  /** A log kept in memory only. */
  static TransactionLog inMemory() {
    return new TransactionLog(1, null, null, false);
  }

  /**
   * A log kept in {@code directory}, fsynced, recovering whatever an earlier server wrote there.
   */
  static TransactionLog onDisk(Path directory) throws IOException {
    return onDisk(directory, true);
  }

  /**
   * A log kept in {@code directory}, recovering whatever an earlier server wrote there; without
   * {@code fsync} a sync only hands the records to the operating system (they survive the process
   * being killed, not a power loss or kernel crash).
   */
  static TransactionLog onDisk(Path directory, boolean fsync) throws IOException {
    Files.createDirectories(directory);
    Path p = directory.resolve(FILE_NAME);
    List<LogEntry> recovered = new ArrayList<>();
    long validBytes = 0;
    if (Files.exists(p)) {
      validBytes = readAll(p, recovered);
      if (validBytes < Files.size(p)) {
        LOG.warning(() -> "transaction log " + p + " ends with a partial record; it is truncated");
      }
    }
    recovered.sort(Comparator.comparingLong(e -> e.index));
    long next = recovered.isEmpty() ? 1 : recovered.get(recovered.size() - 1).index + 1;
    FileChannel ch =
        FileChannel.open(
            p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    ch.truncate(validBytes);
    ch.position(validBytes);
    TransactionLog log = new TransactionLog(next, ch, p, fsync);
    log.durableBytes = validBytes;
    for (LogEntry e : recovered) {
      log.store(e);
    }
    // Slots missing from the file (an older log format wrote out of index order) are placeholders.
    for (long i = 1; i < next; i++) {
      if (log.slot(i).get(offset(i)) == null) {
        log.store(placeholder(i));
      }
    }
    return log;
  }

  private static LogEntry placeholder(long index) {
    return new LogEntry(index, LogEntry.DELETE, "", "", 0, 0, 0, 0, null, new byte[0], 0);
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
        if (length < 0) {
          return valid;
        }
        byte[] record = new byte[length];
        try {
          data.readFully(record);
        } catch (EOFException e) {
          return valid;
        }
        out.add(decode(new DataInputStream(new java.io.ByteArrayInputStream(record)), 0));
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

  /** Claims the next index for an entry whose bookmark sequence is its index, logged now. */
  LogEntry append(
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      String sowKey,
      byte[] body) {
    return append(
        kind, topic, publisher, publisherId, clientSequence, index -> index, 0, sowKey, body);
  }

  /**
   * Claims the next index and stores the entry built for it. {@code bookmarkSequence} gives the
   * entry's bookmark sequence from its index (the caller holds the publisher's lock, so sequences
   * rise with the log per publisher); {@code timestampMillis} 0 means now.
   */
  LogEntry append(
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      LongUnaryOperator bookmarkSequence,
      long timestampMillis,
      String sowKey,
      byte[] body) {
    return append(
        kind,
        topic,
        publisher,
        publisherId,
        clientSequence,
        bookmarkSequence,
        timestampMillis,
        sowKey,
        body,
        null,
        0);
  }

  /** {@link #append} for a publish with a correlation id and an expiration (0 for none). */
  LogEntry append(
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      LongUnaryOperator bookmarkSequence,
      long timestampMillis,
      String sowKey,
      byte[] body,
      String correlationId,
      long expirationSeconds) {
    if (disk == null) {
      return claim(
          kind,
          topic,
          publisher,
          publisherId,
          clientSequence,
          bookmarkSequence,
          timestampMillis,
          sowKey,
          body,
          correlationId,
          expirationSeconds);
    }
    synchronized (disk) {
      LogEntry e =
          claim(
              kind,
              topic,
              publisher,
              publisherId,
              clientSequence,
              bookmarkSequence,
              timestampMillis,
              sowKey,
              body,
              correlationId,
              expirationSeconds);
      encode(e);
      writtenIndex = e.index;
      if (unwritten.size() >= WRITE_OUT_BYTES) {
        writeOut(); // a failure loses the entries, which their syncs then report
      }
      return e;
    }
  }

  private LogEntry claim(
      byte kind,
      String topic,
      String publisher,
      long publisherId,
      long clientSequence,
      LongUnaryOperator bookmarkSequence,
      long timestampMillis,
      String sowKey,
      byte[] body,
      String correlationId,
      long expirationSeconds) {
    long index = next.getAndIncrement();
    LogEntry e =
        new LogEntry(
            index,
            kind,
            topic,
            publisher,
            publisherId,
            clientSequence,
            bookmarkSequence.applyAsLong(index),
            timestampMillis == 0 ? System.currentTimeMillis() : timestampMillis,
            sowKey,
            body,
            System.nanoTime(),
            correlationId,
            expirationSeconds);
    store(e);
    return e;
  }

  private void encode(LogEntry e) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(72 + e.body.length);
      encode(e, new DataOutputStream(bytes));
      int n = bytes.size();
      unwritten.write(n >>> 24);
      unwritten.write(n >>> 16);
      unwritten.write(n >>> 8);
      unwritten.write(n);
      bytes.writeTo(unwritten);
    } catch (IOException ex) {
      throw new IllegalStateException("cannot encode a log record in memory", ex);
    }
  }

  /** Writes one entry as the log file and the replication link store it (without a length). */
  static void encode(LogEntry e, DataOutputStream r) throws IOException {
    r.writeLong(e.index);
    r.writeByte(e.kind);
    r.writeUTF(e.topic);
    r.writeUTF(e.publisher);
    r.writeLong(e.publisherId);
    r.writeLong(e.clientSequence);
    r.writeLong(e.bookmarkSequence);
    r.writeLong(e.timestampMillis);
    r.writeUTF(e.sowKey == null ? "" : e.sowKey);
    r.writeInt(e.body.length);
    r.write(e.body);
    // Added after the first format: a reader of an older record finds nothing after the body.
    r.writeUTF(e.correlationId == null ? "" : e.correlationId);
    r.writeLong(e.expirationSeconds);
    r.flush();
  }

  /** Reads what {@link #encode(LogEntry, DataOutputStream)} wrote. */
  static LogEntry decode(DataInputStream r, long appendedNanos) throws IOException {
    long index = r.readLong();
    byte kind = r.readByte();
    String topic = r.readUTF();
    String publisher = r.readUTF();
    long publisherId = r.readLong();
    long clientSeq = r.readLong();
    long bookmarkSeq = r.readLong();
    long ts = r.readLong();
    String key = r.readUTF();
    byte[] body = new byte[r.readInt()];
    r.readFully(body);
    String correlationId = "";
    long expiration = 0;
    if (r.available() > 0) {
      correlationId = r.readUTF();
      expiration = r.readLong();
    }
    return new LogEntry(
        index,
        kind,
        topic,
        publisher,
        publisherId,
        clientSeq,
        bookmarkSeq,
        ts,
        key.isEmpty() ? null : key,
        body,
        appendedNanos,
        correlationId.isEmpty() ? null : correlationId,
        expiration);
  }

  /**
   * Writes the encoded records to the file (no force); false, with the entries lost, on failure.
   */
  private boolean writeOut() {
    if (unwritten.size() == 0) {
      return true;
    }
    try {
      if (fault == Fault.WRITE) {
        fault = null;
        throw new IOException("injected write failure");
      }
      ByteBuffer b = ByteBuffer.wrap(unwritten.toByteArray());
      while (b.hasRemaining()) {
        channel.write(b);
      }
      unwritten.reset();
      return true;
    } catch (IOException e) {
      lose("write", e);
      return false;
    }
  }

  /**
   * Makes every entry appended so far durable (written and, unless fsync is off, forced to the
   * disk). True when the entries {@code first..last} (this caller's) are durable; false when any of
   * them was lost to a failed write or force, this one or an earlier one.
   */
  boolean sync(long first, long last) {
    if (disk == null) {
      return true;
    }
    synchronized (disk) {
      for (long[] r : lostRanges) {
        if (first <= r[1] && last >= r[0]) {
          return false;
        }
      }
      if (durableIndex >= last && unwritten.size() == 0) {
        return true;
      }
      if (!writeOut()) {
        return false;
      }
      try {
        if (fault == Fault.FSYNC) {
          fault = null;
          throw new IOException("injected fsync failure");
        }
        if (fsync) {
          channel.force(false);
        }
        durableIndex = writtenIndex;
        durableBytes = channel.position();
        return true;
      } catch (IOException e) {
        lose("fsync", e);
        return false;
      }
    }
  }

  /** Makes everything appended so far durable; false when something was lost on the way. */
  boolean syncAll() {
    if (disk == null) {
      return true;
    }
    long last;
    synchronized (disk) {
      last = writtenIndex;
    }
    return sync(durableIndexNow() + 1, last);
  }

  private long durableIndexNow() {
    synchronized (disk) {
      return durableIndex;
    }
  }

  /** Cuts the file back to its durable length and takes the entries after it out of the log. */
  private void lose(String what, IOException cause) {
    long from = durableIndex + 1;
    long to = writtenIndex;
    LOG.log(
        Level.WARNING,
        "cannot "
            + what
            + " the transaction log "
            + path
            + "; entries "
            + from
            + ".."
            + to
            + " are not in the log and their publishers get 'tx store failure'",
        cause);
    unwritten.reset();
    try {
      channel.truncate(durableBytes);
      channel.position(durableBytes);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot cut the transaction log " + path + " back", e);
    }
    if (from <= to) {
      lostRanges.add(new long[] {from, to});
      for (long i = from; i <= to; i++) {
        lostEntries.add(get(i));
        store(placeholder(i));
      }
    }
    durableIndex = to;
  }

  /** Makes the next write (or force) of the file fail, as a full or failing disk would. */
  void failNext(Fault f) {
    if (disk == null) {
      throw new IllegalStateException(
          "the transaction log is in memory; injecting a write failure needs a log directory");
    }
    synchronized (disk) {
      fault = f;
    }
  }

  /** The entries lost to failed writes since the last call (for the engine to forget). */
  List<LogEntry> drainLost() {
    if (disk == null) {
      return List.of();
    }
    synchronized (disk) {
      if (lostEntries.isEmpty()) {
        return List.of();
      }
      List<LogEntry> l = new ArrayList<>(lostEntries);
      lostEntries.clear();
      return l;
    }
  }

  /** The index the next append will get; every index below it is claimed. */
  long nextIndex() {
    return next.get();
  }

  /**
   * The entry at {@code index} (1 ≤ index &lt; {@link #nextIndex()}), waiting if it is in flight.
   */
  // Spins, then yields to the writer that holds the slot: the entry is microseconds away.
  @SuppressWarnings("ThreadPriorityCheck")
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
      LogEntry e = get(i);
      if (!e.topic.isEmpty() && e.timestampMillis >= millis) {
        return i;
      }
    }
    return end;
  }

  boolean isOnDisk() {
    return disk != null;
  }

  @Override
  public void close() {
    if (disk == null) {
      return;
    }
    synchronized (disk) {
      try {
        if (writeOut() && fsync) {
          channel.force(false);
        }
        channel.close();
      } catch (IOException ex) {
        LOG.log(Level.WARNING, "cannot close the transaction log " + path, ex);
      }
    }
  }
}
