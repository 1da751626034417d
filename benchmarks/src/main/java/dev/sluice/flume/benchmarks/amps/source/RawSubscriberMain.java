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
package dev.sluice.flume.benchmarks.amps.source;

import com.crankuptheamps.client.BookmarkStore;
import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.DefaultServerChooser;
import com.crankuptheamps.client.HAClient;
import com.crankuptheamps.client.LoggedBookmarkStore;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.AMPSException;
import com.crankuptheamps.client.fields.Field;
import dev.sluice.flume.benchmarks.amps.RawCount;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The anchor of {@link AmpsSourceThroughput}, in a child JVM of its own like the agent: the raw
 * amps-client subscribing to the topic, with a handler that copies each body (the least any
 * consumer does, since the client reuses its buffers) and counts it in {@link RawCount}. With a
 * bookmark log it is a bookmark subscription like the source's ({@code LoggedBookmarkStore}, the
 * same subscription id, resuming from the most recent bookmark) and it discards each message once
 * copied, the raw client's at-least-once consumer.
 *
 * <pre>
 * RawSubscriberMain URI TOPIC CLIENT_NAME [BOOKMARK_LOG SUB_ID]
 * </pre>
 *
 * Prints {@value #READY} once the subscription is acknowledged, then runs until killed.
 */
public final class RawSubscriberMain {
  static final String READY = "RAW-SUBSCRIBER READY";

  private RawSubscriberMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 5) {
      throw new IllegalArgumentException(
          "usage: RawSubscriberMain URI TOPIC CLIENT_NAME [BOOKMARK_LOG SUB_ID]");
    }
    RawCount count = RawCount.register();
    HAClient client = new HAClient(args[2]);
    DefaultServerChooser chooser = new DefaultServerChooser();
    chooser.add(args[0]);
    client.setServerChooser(chooser);
    boolean bookmarks = args.length == 5;
    if (bookmarks) {
      client.setBookmarkStore(new LoggedBookmarkStore(args[3]));
    }
    client.connectAndLogon();
    Command subscribe = new Command("subscribe").setTopic(args[1]);
    if (bookmarks) {
      subscribe.setSubId(args[4]).setBookmark(Client.Bookmarks.MOST_RECENT);
    }
    BookmarkStore store = client.getBookmarkStore();
    long[] copied = new long[1]; // read below, so that the copy is not optimised away
    client.executeAsync(
        subscribe,
        (Message m) -> {
          Field data = m.getDataRaw();
          byte[] body = Arrays.copyOfRange(data.buffer, data.position, data.position + data.length);
          copied[0] += body.length;
          if (bookmarks) {
            try {
              store.discard(m);
            } catch (AMPSException e) {
              throw new IllegalStateException("discarding a bookmark failed", e);
            }
          }
          count.add(1);
        });
    System.out.println(READY);
    System.out.flush();
    new CountDownLatch(1).await(); // until the benchmark kills this JVM
    System.out.println(copied[0]);
  }
}
