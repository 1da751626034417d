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

import static org.awaitility.Awaitility.await;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import com.crankuptheamps.client.exception.AMPSException;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An independent reader of what reached AMPS: the real amps-client subscribing to a topic from the
 * start of the server's transaction log (bookmark {@code 0}), so it sees every message the server
 * stored, whenever it was published.
 */
final class ReplaySubscriber implements MessageHandler, AutoCloseable {
  private final Client client;
  private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
  private final AtomicLong count = new AtomicLong();

  private ReplaySubscriber(Client client) {
    this.client = client;
  }

  static ReplaySubscriber replay(String uri, String topic) throws AMPSException {
    Client c = new Client("replay-" + System.nanoTime());
    ReplaySubscriber s = new ReplaySubscriber(c);
    try {
      c.connect(uri);
      c.logon();
      c.executeAsync(new Command("subscribe").setTopic(topic).setBookmark("0").setSubId("r"), s);
    } catch (AMPSException | RuntimeException e) {
      c.close();
      throw e;
    }
    return s;
  }

  @Override
  public void invoke(Message m) {
    if (m.getCommand() == Message.Command.Publish) {
      bodies.add(m.getData());
      count.incrementAndGet();
    }
  }

  long count() {
    return count.get();
  }

  List<String> bodies() {
    return new ArrayList<>(bodies);
  }

  /** Sequence numbers are the bodies themselves (Flume's seq source) or what a pattern finds. */
  SequenceReport report(long first, long endExclusive) {
    SequenceChecker checker = SequenceChecker.expecting(first, endExclusive);
    for (String b : bodies) {
      checker.addLine(b);
    }
    return checker.report();
  }

  /** Waits until every number in the range arrived (or the deadline), then reports. */
  SequenceReport awaitComplete(long first, long endExclusive, Duration atMost) {
    try {
      await()
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> report(first, endExclusive).missing() == 0);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the caller asserts on the report, which says what is missing
    }
    return report(first, endExclusive);
  }

  @Override
  public void close() {
    client.close();
  }
}
