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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.CommandException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a publisher sends reaches subscribers (correlation id, SOW key on request, expiration of SOW
 * records), and what the testkit does not implement is refused with an error, never answered with
 * something else or swallowed (historical SOW queries, the ack command, queue acks).
 */
class MessageFieldsIT {
  private AmpsTarget amps;
  private Client client;

  @BeforeEach
  void start() throws Exception {
    amps = AmpsTarget.start();
    client = new Client(amps.clientName("fields"));
    client.connect(amps.uri());
    client.logon();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    amps.close();
  }

  private String order(String key) {
    return "{\"order_key\":\"" + amps.run() + "-" + key + "\",\"run\":\"" + amps.run() + "\"}";
  }

  private String runFilter() {
    return "/run = '" + amps.run() + "'";
  }

  private Message firstData(Collector c) {
    return c.awaitFirst(
        m -> m.getCommand() == Message.Command.Publish || m.getCommand() == Message.Command.SOW);
  }

  @Test
  void theCorrelationIdReachesLiveReplayedAndSowSubscribers() throws Exception {
    String topic = amps.topic("correlated");
    Collector live = new Collector();
    client.executeAsync(new Command("subscribe").setTopic(topic), live);
    Collector liveSow = new Collector();
    client.executeAsync(
        new Command("subscribe").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()), liveSow);
    client.execute(
        new Command("publish").setTopic(topic).setData("{\"a\":1}").setCorrelationId("Q29ycjE="));
    client.execute(
        new Command("publish")
            .setTopic(AmpsTarget.ORDERS)
            .setData(order("c1"))
            .setCorrelationId("Q29ycjI="));
    client.execute(new Command("publish").setTopic(topic).setData("{\"a\":2}"));
    live.awaitBodies(2);
    assertEquals("Q29ycjE=", live.data().get(0).getCorrelationId(), "live delivery");
    assertTrue(
        live.data().get(1).getCorrelationId() == null
            || live.data().get(1).getCorrelationId().isEmpty(),
        "a message without one has none");
    assertEquals("Q29ycjI=", firstData(liveSow).getCorrelationId(), "live SOW topic delivery");

    Collector replayed = new Collector();
    client.executeAsync(
        new Command("subscribe").setTopic(topic).setBookmark("0").setSubId("replay"), replayed);
    assertEquals("Q29ycjE=", firstData(replayed).getCorrelationId(), "bookmark replay");

    Collector sow = new Collector();
    client.executeAsync(new Command("sow").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()), sow);
    assertEquals("Q29ycjI=", firstData(sow).getCorrelationId(), "SOW query record");
  }

  @Test
  void sendKeysGivesEachDeliveryItsSowKey() throws Exception {
    Collector live = new Collector();
    client.executeAsync(
        new Command("subscribe")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter(runFilter())
            .setOptions("send_keys"),
        live);
    client.publish(AmpsTarget.ORDERS, order("k1"));
    String deliveredKey = firstData(live).getSowKey();
    assertNotNull(deliveredKey);
    assertFalse(deliveredKey.isEmpty(), "the delivery carries its SOW key");
    Collector sow = new Collector();
    client.executeAsync(new Command("sow").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()), sow);
    assertEquals(deliveredKey, firstData(sow).getSowKey(), "the same key the SOW query reports");
  }

  @Test
  void anExpiringSowRecordLeavesTheSowAndOutOfFocusSubscribersHearWhy() throws Exception {
    amps.server(); // the real AMPS needs expiration enabled on the topic for this
    Collector oof = new Collector();
    client.executeAsync(
        new Command("sow_and_subscribe")
            .setTopic(AmpsTarget.ORDERS)
            .setFilter(runFilter())
            .setOptions("oof"),
        oof);
    oof.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    client.execute(
        new Command("publish")
            .setTopic(AmpsTarget.ORDERS)
            .setData(order("brief"))
            .setExpiration(1));
    client.execute(new Command("publish").setTopic(AmpsTarget.ORDERS).setData(order("lasting")));
    Message gone = oof.awaitFirst(m -> m.getCommand() == Message.Command.OOF);
    assertEquals("expired", gone.getReasonText());
    assertEquals(List.of(order("lasting")), sowBodies());
    assertEquals(1, oof.ofCommand(Message.Command.OOF).size(), "only the expiring record");
  }

  private List<String> sowBodies() throws Exception {
    Collector sow = new Collector();
    client.executeAsync(new Command("sow").setTopic(AmpsTarget.ORDERS).setFilter(runFilter()), sow);
    sow.awaitFirst(m -> m.getCommand() == Message.Command.GroupEnd);
    return sow.bodies();
  }

  /** The command's processed ack reports failure, which the client throws as its exception. */
  private String refusal(Command command, Collector handler) {
    CommandException e =
        assertThrows(
            CommandException.class,
            () -> client.executeAsync(command.addAckType(Message.AckType.Processed), handler));
    return e.getMessage();
  }

  @Test
  void aSowQueryWithABookmarkIsRefusedNotAnsweredWithTodaysSow() throws Exception {
    amps.server(); // a real AMPS with SOW history answers it
    client.publish(AmpsTarget.ORDERS, order("h1"));
    client.publishFlush();
    Collector c = new Collector();
    for (String command : List.of("sow", "sow_and_subscribe")) {
      String refused =
          refusal(
              new Command(command)
                  .setTopic(AmpsTarget.ORDERS)
                  .setFilter(runFilter())
                  .setBookmark("0"),
              c);
      assertTrue(refused.contains("not supported"), command + ": " + refused);
    }
    assertEquals(List.of(), c.all(), "no record, no group, nothing was sent");
  }

  @Test
  void theAckCommandAndQueueAcksAreRefusedNotSwallowed() throws Exception {
    amps.server(); // a real AMPS has queues
    String refused =
        refusal(
            new Command("ack").setTopic(AmpsTarget.ORDERS).setBookmark("1|1|"), new Collector());
    assertTrue(refused.contains("not supported"), refused);
    client.publish(AmpsTarget.ORDERS, order("q1"));
    client.publishFlush();
    String queueAck =
        refusal(
            new Command("sow_delete").setTopic(AmpsTarget.ORDERS).setBookmark("1|1|"),
            new Collector());
    assertTrue(queueAck.contains("not supported"), queueAck);
    assertEquals(List.of(order("q1")), sowBodies(), "a queue ack deletes nothing");
  }
}
