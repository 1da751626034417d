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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.crankuptheamps.client.Client;
import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.exception.ConnectionException;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit as a child process: ready line, a real client, faults over stdin and admin port. */
class AmpsTestServerMainIT {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");
  private Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  @TempDir Path dir;

  @AfterEach
  void stop() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Map<String, String> launch(String... flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AmpsTestServerMain.class.getName());
    cmd.addAll(List.of(flags));
    process = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.log").toFile()).start();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  lines.add(l);
                }
              } catch (Exception e) {
                lines.add("EOF " + e);
              }
            });
    pump.setDaemon(true);
    pump.start();
    String ready = nextLine();
    assertTrue(ready.startsWith(AmpsTestServerMain.READY), "ready line: " + ready);
    Map<String, String> fields = new java.util.HashMap<>();
    Matcher m = FIELD.matcher(ready);
    while (m.find()) {
      fields.put(m.group(1), m.group(2));
    }
    return fields;
  }

  private String nextLine() throws InterruptedException {
    String l = lines.poll(30, TimeUnit.SECONDS);
    if (l == null) {
      throw new AssertionError("no line from the testkit process within 30 s");
    }
    return l;
  }

  private String control(String command) throws Exception {
    PrintWriter w =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    w.println(command);
    return nextLine();
  }

  @Test
  void printsAReadyLineAndServesTheRealClient() throws Exception {
    Map<String, String> ready = launch("--port", "0", "--sow", "orders=/order_key", "--quiet");
    int port = Integer.parseInt(ready.get("port"));
    assertTrue(port > 0);
    assertEquals("tcp://127.0.0.1:" + port + "/amps/json", ready.get("uri"));
    try (Client c = new Client("child-test")) {
      c.connect(ready.get("uri"));
      c.logon();
      c.publish("orders", "{\"order_key\":1,\"qty\":5}");
      c.publishFlush();
      List<String> records = new ArrayList<>();
      for (Message m : c.sow("orders")) {
        if (m.getCommand() == Message.Command.SOW) {
          records.add(m.getData());
        }
      }
      assertEquals(List.of("{\"order_key\":1,\"qty\":5}"), records);
    }
  }

  @Test
  void stdinCommandsInjectFaultsAndStopTheProcess() throws Exception {
    Map<String, String> ready =
        launch("--control", "stdin", "--replica-port", "0", "--log-dir", dir.toString());
    String uri = ready.get("uri");
    assertTrue(ready.containsKey("replica_uri"), "pair requested: " + ready);
    AtomicInteger disconnects = new AtomicInteger();
    try (Client c = new Client("stdin-test")) {
      c.setDisconnectHandler(client -> disconnects.incrementAndGet());
      c.connect(uri);
      c.logon();
      assertTrue(control("status").contains("stdin-test"), "status lists the client");
      assertEquals("OK drop", control("drop"));
      await().atMost(Collector.WAIT).until(() -> disconnects.get() > 0);
    }
    assertEquals("OK refuse 60000", control("refuse 60000"));
    try (Client refused = new Client("refused")) {
      assertThrows(ConnectionException.class, () -> refused.connect(uri));
    }
    try (Client viaReplica = new Client("replica-test")) {
      viaReplica.connect(ready.get("replica_uri"));
      viaReplica.logon();
    }
    assertTrue(control("stall 10 replica").startsWith("OK stall 10"));
    assertTrue(control("bogus").startsWith("ERR"));
    assertEquals("OK stop", control("stop"));
    assertEquals("AMPS-TESTKIT STOPPED", nextLine());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process exits");
    assertEquals(0, process.exitValue());
  }

  @Test
  void theProcessExitsWhenItsParentClosesStdin() throws Exception {
    launch("--control", "stdin");
    process.getOutputStream().close();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process exits at end of input");
  }

  @Test
  void adminPortTakesTheSameCommands() throws Exception {
    Map<String, String> ready = launch("--admin-port", "0");
    int admin = Integer.parseInt(ready.get("admin_port"));
    try (Socket s = new Socket("127.0.0.1", admin);
        PrintWriter w =
            new PrintWriter(
                new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      w.println("delay-acks 5");
      assertEquals("OK delay-acks 5", r.readLine());
      w.println("restart");
      assertEquals("OK restart", r.readLine());
      w.println("status");
      assertTrue(r.readLine().startsWith("OK status primary: port=" + ready.get("port")));
    }
  }

  @Test
  void badFlagsExitWithUsage() throws Exception {
    List<String> cmd =
        List.of(
            System.getProperty("java.home") + "/bin/java",
            "-cp",
            System.getProperty("java.class.path"),
            AmpsTestServerMain.class.getName(),
            "--port",
            "99999",
            "--what");
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(out.contains("--port wants a port 0..65535, got '99999'"), out);
    assertTrue(out.contains("unknown flag '--what'"), out);
  }
}
