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
package dev.sluice.flume.amps.source;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.BookmarkStoreResizeHandler;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.CommandId;
import com.crankuptheamps.client.JSONMessage;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.exception.StoreException;
import com.crankuptheamps.client.fields.BookmarkField;
import com.crankuptheamps.client.fields.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An AMPS client without a server, for unit tests: {@link #connection} is the {@link
 * AmpsConnection} a test hands to {@code AmpsSource}'s package-private constructor; it gives the
 * source a {@link FakeClient} whose subscription the test drives by calling {@link
 * FakeClient#deliver} (as the client's receive thread would), and whose {@link FakeStore} records
 * every discard. Each test has its own instance: nothing is static.
 */
final class FakeAmps {
  /** Everything that happened, in order: "commit:<seq>..", "discard:<seq>", "unsubscribe", ... */
  final List<String> journal = new CopyOnWriteArrayList<>();

  final FakeStore store = new FakeStore(journal);
  final List<FakeClient> clients = new CopyOnWriteArrayList<>();
  final List<Properties> factoryCalls = new CopyOnWriteArrayList<>();

  /** Failures the next connect calls throw, one per call, before a client is returned. */
  final List<RuntimeException> factoryFailures = new CopyOnWriteArrayList<>();

  /** When set, executeAsync throws it. */
  volatile AMPSException subscribeFailure;

  /** Connections made, each told {@code running()} and {@code close()}: "running", "close". */
  final List<String> connectionCalls = new CopyOnWriteArrayList<>();

  FakeClient client() {
    if (clients.isEmpty()) {
      throw new AssertionError("the source never created a client");
    }
    return clients.get(clients.size() - 1);
  }

  static Message publish(long bookmarkSeqNo, byte[] body) {
    Message m = new JSONMessage(UTF_8.newEncoder(), UTF_8.newDecoder());
    m.setCommand(Message.Command.Publish);
    m.setTopic("orders");
    m.setData(body, 0, body.length);
    m.setBookmarkSeqNo(bookmarkSeqNo);
    return m;
  }

  static Message publish(long seq) {
    return publish(seq, ("{\"seq\":" + seq + "}").getBytes(UTF_8));
  }

  /**
   * The connection for a source with this configuration: each connect records the keys a client
   * factory would get, throws the next queued failure or returns a new connected client (one that
   * comes connected, as a {@code clientFactoryClass}'s does).
   */
  AmpsConnection connection(AmpsSourceConfig config) {
    return new AmpsConnection() {
      @Override
      public Client connect(java.util.function.Consumer<Client> beforeConnect) {
        factoryCalls.add(config.factoryProperties());
        if (!factoryFailures.isEmpty()) {
          throw factoryFailures.remove(0);
        }
        FakeClient c = new FakeClient(FakeAmps.this);
        clients.add(c);
        return c;
      }

      @Override
      public void running() {
        connectionCalls.add("running");
      }

      @Override
      public void close() {
        connectionCalls.add("close");
      }
    };
  }

  /** A client that is "connected" from birth and records its subscription. */
  static final class FakeClient extends Client {
    private final FakeAmps amps;
    volatile Command command;
    volatile MessageHandler handler;
    volatile boolean closed;
    final AtomicInteger unsubscribes = new AtomicInteger();

    FakeClient(FakeAmps amps) {
      super("fake");
      this.amps = amps;
    }

    @Override
    public CommandId executeAsync(Command command, MessageHandler handler) throws AMPSException {
      AMPSException failure = amps.subscribeFailure;
      if (failure != null) {
        throw failure;
      }
      this.command = command;
      this.handler = handler;
      amps.journal.add("subscribe");
      return new CommandId("sub");
    }

    /** Delivers a message as the receive thread would. */
    void deliver(Message m) {
      if (m.getBookmarkSeqNo() > 0) {
        amps.store.logged.add(m.getBookmarkSeqNo());
      }
      handler.invoke(m);
    }

    @Override
    public BookmarkStore getBookmarkStore() {
      return amps.store;
    }

    @Override
    public void unsubscribe(CommandId id) {
      unsubscribes.incrementAndGet();
      amps.journal.add("unsubscribe");
    }

    @Override
    public void close() {
      closed = true;
      amps.journal.add("close-client");
    }
  }

  /** Records discards; everything else is a no-op. */
  static final class FakeStore implements BookmarkStore {
    final List<Long> logged = new CopyOnWriteArrayList<>();
    final List<Long> discarded = new CopyOnWriteArrayList<>();
    final List<String> discardSubIds = new CopyOnWriteArrayList<>();

    /** Sequence numbers whose discard throws, as a failing store would. */
    final Set<Long> failDiscardOf = ConcurrentHashMap.newKeySet();

    volatile boolean closed;
    private final List<String> journal;

    FakeStore(List<String> journal) {
      this.journal = journal;
    }

    List<Long> discarded() {
      return Collections.unmodifiableList(new ArrayList<>(discarded));
    }

    @Override
    public long log(Message message) {
      return 0;
    }

    @Override
    public void discard(Field subId, long bookmarkSeqNo) throws AMPSException {
      if (failDiscardOf.contains(bookmarkSeqNo)) {
        throw new StoreException("the fake store fails to discard " + bookmarkSeqNo);
      }
      discardSubIds.add(subId.toString());
      discarded.add(bookmarkSeqNo);
      journal.add("discard:" + bookmarkSeqNo);
    }

    @Override
    public void discard(Message message) throws AMPSException {
      discard(message.getSubIdRaw(), message.getBookmarkSeqNo());
    }

    @Override
    public Field getMostRecent(Field subId) {
      return new Field("0");
    }

    @Override
    public Field getMostRecent(Field subId, boolean useList) {
      return new Field("0");
    }

    @Override
    public boolean isDiscarded(Message message) {
      return false;
    }

    @Override
    public void purge() {}

    @Override
    public void purge(Field subId) {}

    @Override
    public void setResizeHandler(BookmarkStoreResizeHandler handler) {}

    @Override
    public long getOldestBookmarkSeq(Field subId) {
      return 0;
    }

    @Override
    public void persisted(Field subId, BookmarkField bookmark) {}

    @Override
    public void persisted(Field subId, long bookmark) {}

    @Override
    public void setServerVersion(int version) {}

    @Override
    public void close() {
      closed = true;
      journal.add("close-store");
    }
  }
}
