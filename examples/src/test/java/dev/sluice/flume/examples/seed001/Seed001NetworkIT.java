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
package dev.sluice.flume.examples.seed001;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.AvroSender;
import dev.sluice.flume.testsupport.ChildProcessesExtension;
import dev.sluice.flume.testsupport.FlumeTopology;
import dev.sluice.flume.testsupport.PluginTarball;
import dev.sluice.flume.testsupport.SequenceChecker;
import dev.sluice.flume.testsupport.SequenceReport;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.flume.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 001's network (examples/conf/seed001) as ten real agents on loopback: two clients, two
 * splitters, two file nodes for each of the destinations {@code fs} and {@code hdfs}, and two
 * unique-user nodes behind the splitters' failover group. Events carry an id and the headers {@code
 * dist}, {@code uniq} and {@code file}; every id is counted at the final nodes' files.
 *
 * <ol>
 *   <li>Healthy: each destination's ids reach only its own nodes, divided between both; the
 *       unique-user stream goes to unq-1 alone.
 *   <li>unq-1 is SIGKILLed mid-stream: every unique-user event sent after the kill arrives at
 *       unq-2, none missing. What unq-1 had committed to its durable channel waits there and is
 *       written when unq-1 is back.
 *   <li>splitter-1 is SIGKILLed mid-stream: the clients stop draining to it and send everything to
 *       splitter-2, none missing once splitter-1's own channels drain after its restart.
 * </ol>
 *
 * <p>Duplicates: each hop is at-least-once, so a kill can duplicate the batches in flight across
 * the killed agent (see {@link #UNIQ_DUPLICATE_BOUND} and {@link #DIST_DUPLICATE_BOUND}); nothing
 * else. docs/topologies.md, "Failure drills", explains both bounds.
 */
class Seed001NetworkIT {
  static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  static final Path CONF = ROOT.resolve("examples/conf/seed001");

  static final int PHASE = 4_000;
  static final int EVENTS = 3 * PHASE;
  static final int SEND_BATCH = 100;

  /** The Avro sinks' batch-size and the file sink's batchSize in the example's files. */
  static final int HOP_BATCH = 100;

  /**
   * unq-1's kill: each splitter's unq-1 sink may have had a batch committed by unq-1 but not
   * acknowledged (sent again to unq-2), and unq-1's file sink a batch flushed but not committed
   * (written again after its restart). splitter-1's kill: each client's unq-s1 sink a batch that
   * splitter-1 committed unacknowledged, and splitter-1's unq-1 sink a batch unq-1 committed.
   */
  static final long UNIQ_DUPLICATE_BOUND = (2 + 1) * HOP_BATCH + (2 + 1) * HOP_BATCH;

  /**
   * splitter-1's kill: each client's s1 sink a batch, and splitter-1's fs and hdfs sinks a batch
   * each.
   */
  static final long DIST_DUPLICATE_BOUND = (2 + 2) * HOP_BATCH;

  static final Pattern ID = Pattern.compile("^id=(\\d+) ");
  static final Duration DELIVERY = Duration.ofMinutes(5);

  static final List<String> FINAL_NODES =
      List.of("fs-1", "fs-2", "hdfs-1", "hdfs-2", "unq-1", "unq-2");
  static final List<String> CLIENTS = List.of("client-1", "client-2");

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopPushing() {
    executor.shutdownNow();
  }

  static boolean uniq(long id) {
    return id % 3 == 0;
  }

  static String dist(long id) {
    return id % 2 == 0 ? "fs" : "hdfs";
  }

  @Test
  void uniqueUsersFailOverToOneMachineAndClientsShiftToTheLiveSplitterLosingNothing() {
    FlumeTopology net = start();
    try (AvroSender client1 = net.sender("CLIENT_1_PORT").batchSize(SEND_BATCH);
        AvroSender client2 = net.sender("CLIENT_2_PORT").batchSize(SEND_BATCH)) {
      List<AvroSender> clients = List.of(client1, client2);

      // 1. Healthy network.
      push(clients, 0, PHASE);
      awaitComplete(net, PHASE);
      SequenceReport unq2Healthy = unq(net, 0, PHASE, "unq-2");
      System.out.printf("seed001 healthy: unq-2 holds %d events%n", unq2Healthy.total());
      assertEquals(
          0, unq2Healthy.total(), "the failover group's standby took events: " + unq2Healthy);
      for (String node : List.of("fs-1", "fs-2", "hdfs-1", "hdfs-2")) {
        long lines = dist(net, node.startsWith("fs") ? "fs" : "hdfs", 0, PHASE, node).total();
        assertTrue(lines > 0, node + " got nothing from its load-balancing group");
      }

      // 2. SIGKILL the unique-user node that takes the whole stream, while events flow.
      Pusher stream = new Pusher(executor, clients, PHASE, 2 * PHASE);
      stream.awaitPushed(PHASE + PHASE / 4);
      net.kill("unq-1");
      long pushedAtUnq1Kill = stream.pushed();
      // Ids from here on were sent once the kill had returned (the batch in flight then aside).
      long afterKill = pushedAtUnq1Kill + SEND_BATCH;
      long uniqPushed = countUniq(0, pushedAtUnq1Kill);
      long atUnq1 = unq(net, 0, EVENTS, "unq-1").distinct(); // a dead node's files stand still
      stream.finish();
      System.out.printf(
          "seed001 unq-1 killed with %d of the %d unique-user events sent so far written by it;"
              + " ids from %d on sent after the kill%n",
          atUnq1, uniqPushed, afterKill);
      assertTrue(atUnq1 < uniqPushed, "unq-1 was killed after the stream had drained");
      assertTrue(afterKill < 2 * PHASE, "unq-1 was killed after the last event was sent");
      assertTrue(pushedAtUnq1Kill > PHASE, "unq-1 was killed before the stream began");
      await("every unique-user event sent after unq-1's kill at unq-2")
          .atMost(DELIVERY)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> unq(net, afterKill, 2 * PHASE, "unq-2").missing() == 0);
      SequenceReport afterKillAtUnq2 = unq(net, afterKill, 2 * PHASE, "unq-2");
      SequenceReport heldByUnq1 = unq(net, 0, 2 * PHASE, "unq-1", "unq-2");
      System.out.printf("seed001 sent after unq-1's kill, at unq-2: %s%n", afterKillAtUnq2);
      System.out.printf(
          "seed001 before unq-1's restart, %d unique-user events are in neither node's files"
              + " (held in unq-1's channel): %s%n",
          heldByUnq1.missing(), heldByUnq1);
      assertEquals(0, afterKillAtUnq2.missing(), afterKillAtUnq2::toString);
      net.restart("unq-1");
      awaitComplete(net, 2 * PHASE);

      // 3. SIGKILL a splitter while events flow: the clients' load-balancing groups skip it.
      Map<String, Long> before = clientSinkCounts(net);
      long splitter2Before = net.counter("splitter-2", "SOURCE.events", "EventAcceptedCount");
      stream = new Pusher(executor, clients, 2 * PHASE, EVENTS);
      stream.awaitPushed(2 * PHASE + PHASE / 4);
      net.kill("splitter-1");
      long pushedAtKill = stream.pushed();
      Map<String, Long> atKill = clientSinkCounts(net);
      long afterSplitterKill = pushedAtKill + SEND_BATCH;
      stream.finish();
      long drainedAtKill = 0;
      for (String client : CLIENTS) {
        drainedAtKill += atKill.get(client + " s1") + atKill.get(client + " s2");
      }
      assertTrue(
          drainedAtKill < pushedAtKill,
          "splitter-1 was killed after the clients had drained every event");
      assertTrue(afterSplitterKill < EVENTS, "splitter-1 was killed after the last event was sent");
      await("the clients' channels drained to splitter-2")
          .atMost(DELIVERY)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> clientChannelsEmpty(net));
      Map<String, Long> after = clientSinkCounts(net);
      long splitter2After = net.counter("splitter-2", "SOURCE.events", "EventAcceptedCount");
      System.out.printf(
          "seed001 client sinks (EventDrainSuccessCount) before the stream %s,"
              + " at the kill %s, after %d more events %s; splitter-2 accepted %d then %d%n",
          before, atKill, EVENTS - afterSplitterKill, after, splitter2Before, splitter2After);
      long toSplitter2 = 0;
      for (String client : CLIENTS) {
        assertTrue(before.get(client + " s1") > 0, client + " never sent to splitter-1");
        assertEquals(atKill.get(client + " s1"), after.get(client + " s1"), client + " s1");
        assertEquals(atKill.get(client + " unq-s1"), after.get(client + " unq-s1"));
        toSplitter2 += after.get(client + " s2") - atKill.get(client + " s2");
      }
      assertTrue(
          toSplitter2 >= EVENTS - afterSplitterKill,
          "the clients sent " + toSplitter2 + " events to splitter-2 after the kill");
      assertTrue(splitter2After - splitter2Before >= EVENTS - afterSplitterKill);
      net.restart("splitter-1");
      awaitComplete(net, EVENTS);
      assertEquals(0, client1.retries() + client2.retries(), "the clients refused a batch");
    }

    SequenceReport fs = dist(net, "fs", 0, EVENTS, "fs-1", "fs-2");
    SequenceReport hdfs = dist(net, "hdfs", 0, EVENTS, "hdfs-1", "hdfs-2");
    SequenceReport uniq = unq(net, 0, EVENTS, "unq-1", "unq-2");
    System.out.printf("seed001 fs nodes: %s%nseed001 hdfs nodes: %s%n", fs, hdfs);
    System.out.printf("seed001 unique-user nodes: %s%n", uniq);
    for (SequenceReport r : List.of(fs, hdfs, uniq)) {
      assertEquals(0, r.missing(), r::toString);
      assertEquals(0, r.outOfRange(), () -> "routed to the wrong destination: " + r);
      assertEquals(0, r.unparseable(), r::toString);
    }
    assertTrue(fs.duplicates() + hdfs.duplicates() <= DIST_DUPLICATE_BOUND, fs + "\n" + hdfs);
    assertTrue(uniq.duplicates() <= UNIQ_DUPLICATE_BOUND, uniq::toString);
  }

  private FlumeTopology start() {
    FlumeTopology.Builder b =
        FlumeTopology.builder(children)
            .workDirName("seed001")
            .plugin(PluginTarball.of(ROOT.resolve("header-filename-sink")))
            .jvmArgs("-Xmx160m")
            .startupTimeout(Duration.ofMinutes(5));
    for (String node : FINAL_NODES) {
      String key = node.toUpperCase(Locale.ROOT).replace('-', '_');
      b.agent(node, CONF.resolve("final.properties"), Map.of("PORT", "${" + key + "_PORT}"));
      b.value(key + "_HOST", "127.0.0.1");
    }
    // Each tier starts once the next one listens: a failover group whose primary is not up yet
    // at its first poll sends to the standby until the primary's penalty has passed.
    b.nextWave();
    for (int n = 1; n <= 2; n++) {
      b.agent(
          "splitter-" + n,
          CONF.resolve("splitter.properties"),
          Map.of(
              "PORT", "${SPLITTER_" + n + "_PORT}", "UNQ_PORT", "${SPLITTER_" + n + "_UNQ_PORT}"));
      b.value("SPLITTER_" + n + "_HOST", "127.0.0.1");
    }
    b.nextWave();
    for (int n = 1; n <= 2; n++) {
      b.agent(
          "client-" + n,
          CONF.resolve("client.properties"),
          Map.of("PORT", "${CLIENT_" + n + "_PORT}"));
    }
    return b.start();
  }

  /** Ids [from, to), batch by batch, alternating between the clients like two web servers. */
  private static void push(List<AvroSender> clients, int from, int to) {
    push(clients, from, to, new AtomicLong());
  }

  /** As {@link #push(List, int, int)}; {@code pushed} is the end of the ids acknowledged so far. */
  private static void push(List<AvroSender> clients, int from, int to, AtomicLong pushed) {
    int turn = 0;
    for (int first = from; first < to; first += SEND_BATCH) {
      AvroSender client = clients.get(turn++ % clients.size());
      List<Event> batch = new ArrayList<>(SEND_BATCH);
      for (long id = first; id < Math.min(to, first + SEND_BATCH); id++) {
        String dist = dist(id);
        String uniq = uniq(id) ? "1" : "0";
        batch.add(
            AvroSender.event(
                "id=" + id + " dist=" + dist + " uniq=" + uniq,
                Map.of("dist", dist, "uniq", uniq, "file", dist + "/web-" + turn % 2 + ".log")));
      }
      client.send(batch);
      pushed.set(Math.min(to, first + SEND_BATCH));
    }
  }

  /** Pushes ids [from, to) on its own thread, so that a kill lands while events flow. */
  private static final class Pusher {
    private final AtomicLong pushed;
    private final Future<?> done;

    Pusher(ExecutorService executor, List<AvroSender> clients, int from, int to) {
      this.pushed = new AtomicLong(from);
      this.done = executor.submit(() -> push(clients, from, to, pushed));
    }

    /** The end of the ids the clients acknowledged so far. */
    long pushed() {
      return pushed.get();
    }

    void awaitPushed(long id) {
      await("ids below " + id + " sent")
          .atMost(DELIVERY)
          .pollInterval(Duration.ofMillis(5))
          .until(() -> pushed.get() >= id || done.isDone());
    }

    /** Waits until every id was sent; rethrows what stopped the sender. */
    void finish() {
      try {
        done.get(DELIVERY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pushing", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("pushing the events failed", e);
      }
    }
  }

  private static long countUniq(long from, long to) {
    long n = 0;
    for (long id = from; id < to; id++) {
      n += uniq(id) ? 1 : 0;
    }
    return n;
  }

  private static void awaitComplete(FlumeTopology net, int end) {
    await("ids below " + end + " at every destination")
        .atMost(DELIVERY)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                dist(net, "fs", 0, end, "fs-1", "fs-2").missing() == 0
                    && dist(net, "hdfs", 0, end, "hdfs-1", "hdfs-2").missing() == 0
                    && unq(net, 0, end, "unq-1", "unq-2").missing() == 0);
  }

  private static SequenceReport dist(
      FlumeTopology net, String dist, long from, long to, String... nodes) {
    return net.count(
            SequenceChecker.expectingOnly(from, to, id -> dist(id).equals(dist), ID), "out", nodes)
        .report();
  }

  private static SequenceReport unq(FlumeTopology net, long from, long to, String... nodes) {
    return net.count(
            SequenceChecker.expectingOnly(from, to, Seed001NetworkIT::uniq, ID), "out", nodes)
        .report();
  }

  private static Map<String, Long> clientSinkCounts(FlumeTopology net) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (String client : CLIENTS) {
      for (String sink : List.of("s1", "s2", "unq-s1", "unq-s2")) {
        counts.put(
            client + " " + sink, net.counter(client, "SINK." + sink, "EventDrainSuccessCount"));
      }
    }
    return counts;
  }

  private static boolean clientChannelsEmpty(FlumeTopology net) {
    for (String client : CLIENTS) {
      for (String channel : List.of("CHANNEL.all", "CHANNEL.unq")) {
        if (net.counter(client, channel, "ChannelSize") != 0) {
          return false;
        }
      }
    }
    return true;
  }
}
