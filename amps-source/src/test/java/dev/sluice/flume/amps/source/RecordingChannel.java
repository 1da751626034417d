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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.flume.ChannelException;
import org.apache.flume.Event;
import org.apache.flume.channel.BasicChannelSemantics;
import org.apache.flume.channel.BasicTransactionSemantics;

/**
 * A channel that keeps what it committed in memory and can be told to refuse the next commits (as a
 * full channel does), writing each commit and refusal to a shared journal.
 */
final class RecordingChannel extends BasicChannelSemantics {
  final List<Event> committed = new CopyOnWriteArrayList<>();
  final AtomicInteger refuseNext = new AtomicInteger();
  final AtomicInteger refusals = new AtomicInteger();

  /** Called with each event put, before the commit (as an interceptor changing events would). */
  volatile Consumer<Event> onPut = e -> {};

  private final List<String> journal;

  RecordingChannel(String name, List<String> journal) {
    setName(name);
    this.journal = journal;
  }

  @Override
  protected BasicTransactionSemantics createTransaction() {
    return new BasicTransactionSemantics() {
      private final List<Event> pending = new ArrayList<>();

      @Override
      protected void doPut(Event event) {
        onPut.accept(event);
        pending.add(event);
      }

      @Override
      protected Event doTake() {
        throw new UnsupportedOperationException("tests only put");
      }

      @Override
      protected void doCommit() {
        if (refuseNext.get() > 0) {
          refuseNext.decrementAndGet();
          refusals.incrementAndGet();
          journal.add("refuse:" + getName());
          throw new ChannelException("channel " + getName() + " is full (test)");
        }
        committed.addAll(pending);
        journal.add("commit:" + getName() + ":" + pending.size());
        pending.clear();
      }

      @Override
      protected void doRollback() {
        pending.clear();
      }
    };
  }
}
