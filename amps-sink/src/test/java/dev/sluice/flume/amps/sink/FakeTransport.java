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

import com.crankuptheamps.client.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link AmpsTransport}: records what is sent and acknowledges it at once, unless a
 * test asks it to refuse topics, fail, or never acknowledge.
 */
final class FakeTransport implements AmpsTransport {
  final List<OutgoingMessage> sent = new ArrayList<>();
  final List<long[]> awaited = new ArrayList<>();

  /** Topic name to the reason AMPS refuses every message to it with. */
  final Map<String, Integer> refusedTopics = new HashMap<>();

  private final List<FailedWrite> failed = new ArrayList<>();
  long nextToken = 1000;
  boolean durable;
  boolean acknowledge = true;
  boolean loggedOn = true;
  String publisherId = "4242";
  int logonWaits;
  Exception sendFailure;
  Exception connectFailure;
  boolean closed;

  @Override
  public void awaitLoggedOn(long deadlineNanos) throws Exception {
    logonWaits++;
    if (connectFailure != null) {
      throw connectFailure;
    }
  }

  @Override
  public long send(OutgoingMessage message) throws Exception {
    if (sendFailure != null) {
      throw sendFailure;
    }
    long token = nextToken++;
    sent.add(message);
    Integer reason = refusedTopics.get(message.topic);
    if (reason != null) {
      failed.add(new FailedWrite(token, reason, message.topic, null));
    }
    return token;
  }

  @Override
  public void awaitAcknowledged(long firstToken, long lastToken, long deadlineNanos)
      throws Exception {
    awaited.add(new long[] {firstToken, lastToken, deadlineNanos});
    if (!acknowledge) {
      throw new FlushTimeoutException("AMPS did not acknowledge (fake)");
    }
  }

  /** A failed write reported later (after its batch). */
  void reportLate(long token, int reason) {
    failed.add(new FailedWrite(token, reason, "late-topic", null));
  }

  /** Makes the next messages to this topic fail with a transient server-side failure. */
  void failTransiently(String topic) {
    refusedTopics.put(topic, Message.Reason.TxStoreFailure);
  }

  @Override
  public void drainFailedWrites(List<FailedWrite> into) {
    into.addAll(failed);
    failed.clear();
  }

  @Override
  public boolean isDurableOnSend() {
    return durable;
  }

  @Override
  public String publisherId() {
    return publisherId;
  }

  @Override
  public long unacknowledgedCount() {
    return 0;
  }

  @Override
  public boolean isLoggedOn() {
    return loggedOn;
  }

  @Override
  public void close(long timeoutMillis) {
    closed = true;
  }

  List<String> sentTopics() {
    List<String> topics = new ArrayList<>();
    for (OutgoingMessage m : sent) {
      topics.add(m.topic);
    }
    return topics;
  }
}
