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
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Command;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.BadFilterException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every filter operator, through the real client's sow and subscribe commands. */
class FilterOperatorsIT {
  private static AmpsTarget amps;
  private static Client client;

  @BeforeAll
  static void load() throws Exception {
    amps = AmpsTarget.start();
    client = new Client(amps.clientName("filters"));
    client.connect(amps.uri());
    client.logon();
    String run = amps.run();
    publish(
        run,
        "k1",
        "\"qty\":10,\"price\":1.5,\"sym\":\"AAPL\",\"active\":true,\"note\":null,"
            + "\"cust\":{\"tier\":\"gold\"}");
    publish(
        run,
        "k2",
        "\"qty\":20,\"price\":2.5,\"sym\":\"MSFT\",\"active\":false,"
            + "\"cust\":{\"tier\":\"silver\"}");
    publish(
        run,
        "k3",
        "\"qty\":30,\"price\":3.5,\"sym\":\"AMZN\",\"active\":true,\"note\":\"rush\","
            + "\"cust\":{\"tier\":\"gold\"}");
    publish(run, "k4", "\"qty\":40,\"price\":4.5,\"sym\":\"GOOG\",\"active\":false,\"note\":\"\"");
    client.publishFlush();
  }

  private static void publish(String run, String key, String fields) throws Exception {
    client.publish(
        AmpsTarget.ORDERS,
        "{\"order_key\":\""
            + run
            + "-"
            + key
            + "\",\"run\":\""
            + run
            + "\",\"k\":\""
            + key
            + "\","
            + fields
            + "}");
  }

  @AfterAll
  static void close() throws Exception {
    client.close();
    amps.close();
  }

  private static String keysMatching(String filter) throws Exception {
    TreeSet<String> keys = new TreeSet<>();
    for (Message m :
        client.sow(AmpsTarget.ORDERS, "/run = '" + amps.run() + "' AND (" + filter + ")")) {
      if (m.getCommand() == Message.Command.SOW) {
        String d = m.getData();
        int i = d.indexOf("\"k\":\"") + 5;
        keys.add(d.substring(i, d.indexOf('"', i)));
      }
    }
    return String.join(" ", keys);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/qty = 20 | k2",
        "/qty != 20 | k1 k3 k4",
        "/qty <> 20 | k1 k3 k4",
        "/qty < 20 | k1",
        "/qty <= 20 | k1 k2",
        "/qty > 30 | k4",
        "/qty >= 30 | k3 k4",
        "/price > 2.0 AND /price < 4 | k2 k3",
        "/sym = 'MSFT' | k2",
        "/sym = \"MSFT\" | k2",
        "/sym IN ('AAPL', 'GOOG') | k1 k4",
        "/sym NOT IN ('AAPL', 'GOOG') | k2 k3",
        "/qty IN (20, 30) | k2 k3",
        "/qty BETWEEN 15 AND 35 | k2 k3",
        "/qty NOT BETWEEN 15 AND 35 | k1 k4",
        "/sym LIKE '^A' | k1 k3",
        "/sym LIKE 'O' | k4",
        "/sym NOT LIKE '^A' | k2 k4",
        "/note IS NULL | k1 k2",
        "/note IS NOT NULL | k3 k4",
        "/active = true | k1 k3",
        "/active = FALSE | k2 k4",
        "/cust/tier = 'gold' | k1 k3",
        "/cust/tier IS NULL | k4",
        "NOT (/qty > 15) | k1",
        "not /active = true | k2 k4",
        "/qty = 10 OR /qty = 40 | k1 k4",
        "(/qty < 15 OR /qty > 35) AND /active = true | k1",
        "/qty > 15 AND /qty < 35 OR /sym = 'AAPL' | k1 k2 k3",
        "/nothing = 1 | ''",
        "NOT /nothing = 1 | ''",
      })
  void sowFiltersWithEachOperator(String filter, String expected) throws Exception {
    assertEquals(expected, keysMatching(filter));
  }

  @Test
  void subscriptionFiltersLiveMessages() throws Exception {
    String topic = amps.topic("filtered");
    Collector c = new Collector();
    client.executeAsync(
        new Command("subscribe").setTopic(topic).setFilter("/qty >= 2 AND /sym LIKE 'X$'"), c);
    for (int i = 0; i < 4; i++) {
      client.publish(topic, "{\"qty\":" + i + ",\"sym\":\"" + (i % 2 == 0 ? "AX" : "AY") + "\"}");
    }
    client.publish(topic, "{\"qty\":9,\"sym\":\"END-X\"}");
    c.awaitFirst(m -> m.getData().contains("END"));
    assertEquals(
        List.of("{\"qty\":2,\"sym\":\"AX\"}", "{\"qty\":9,\"sym\":\"END-X\"}"),
        c.bodies().stream().collect(Collectors.toList()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"/qty = ", "/qty LIKE '('", "qty = 1", "/qty = 1 AND", "(/qty = 1", "/a IN 1"})
  void aFilterThatDoesNotParseIsABadFilter(String filter) {
    assertThrows(
        BadFilterException.class,
        () ->
            client.execute(new Command("subscribe").setTopic(amps.topic("bad")).setFilter(filter)));
  }
}
