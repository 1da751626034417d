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

import static org.awaitility.Awaitility.await;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.MessageHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A message handler that keeps a copy of everything it is given, for assertions. */
final class Collector implements MessageHandler {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final List<Message> messages = new CopyOnWriteArrayList<>();

  @Override
  public void invoke(Message m) {
    messages.add(m.copy());
  }

  List<Message> all() {
    return new ArrayList<>(messages);
  }

  /** Data messages (publishes and SOW records) only. */
  List<Message> data() {
    return messages.stream()
        .filter(
            m -> m.getCommand() == Message.Command.Publish || m.getCommand() == Message.Command.SOW)
        .collect(Collectors.toList());
  }

  List<String> bodies() {
    return data().stream().map(Message::getData).collect(Collectors.toList());
  }

  List<Message> acks() {
    return messages.stream()
        .filter(m -> m.getCommand() == Message.Command.Ack)
        .collect(Collectors.toList());
  }

  List<Message> ofCommand(int command) {
    return messages.stream().filter(m -> m.getCommand() == command).collect(Collectors.toList());
  }

  /** Waits until at least {@code n} data messages arrived and returns their bodies. */
  List<String> awaitBodies(int n) {
    await().atMost(WAIT).until(() -> data().size() >= n);
    return bodies();
  }

  Message awaitFirst(Predicate<Message> p) {
    await().atMost(WAIT).until(() -> messages.stream().anyMatch(p));
    return messages.stream().filter(p).findFirst().orElseThrow();
  }
}
