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
package dev.sluice.flume.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.flume.testsupport.fixture.EchoServerMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServerProcessIT {
  private static final Duration GENEROUS = Duration.ofSeconds(90);

  @RegisterExtension final ChildProcessesExtension children = ChildProcessesExtension.perTest();

  @Test
  void jvmServerIsReadyWhenItsPortAcceptsAndServesAgainAfterRestart() throws IOException {
    int port = FreePorts.allocate();
    ServerProcess server = children.start(echoServer("echo", port, children.workDir("echo")));

    assertEquals("hello", echo(port, "hello"));
    long firstPid = server.pid();
    ProcessStats stats = ProcessStats.of(server);
    assertTrue(stats.cpuSeconds() > 0, stats::toString);
    assertTrue(stats.peakRssBytes() > 16L << 20, stats::toString);

    server.kill();
    assertFalse(isAlive(firstPid));
    server.restart();

    assertNotEquals(firstPid, server.pid());
    assertEquals("again", echo(port, "again"));
    assertTrue(Files.readString(server.logFile()).contains("start #2 of echo"));
  }

  @Test
  void stopSendsSigtermAndReturnsTheExitCode() throws IOException {
    ServerProcess shell =
        children.start(
            ServerProcess.command(
                    "trapper",
                    "/bin/sh",
                    "-c",
                    "trap 'echo got TERM; exit 7' TERM; echo ready; while :; do sleep 0.1; done")
                .workDir(children.workDir("trapper"))
                .readiness(ReadinessProbe.logLine("^ready$"), GENEROUS)
                .build());
    long pid = shell.pid();

    assertEquals(7, shell.stop(GENEROUS));
    assertFalse(isAlive(pid));
    assertTrue(Files.readString(shell.logFile()).contains("got TERM"));
  }

  @Test
  void logProbeIgnoresLinesFromTheRunBefore() {
    ServerProcess once =
        children.start(
            ServerProcess.command(
                    "once",
                    "/bin/sh",
                    "-c",
                    "if [ -e ran ]; then echo second run; else touch ran; echo READY; fi; exec cat")
                .workDir(children.workDir("once"))
                .readiness(ReadinessProbe.logLine("READY"), Duration.ofSeconds(3))
                .build());
    once.kill();

    IllegalStateException error = assertThrows(IllegalStateException.class, once::restart);

    assertTrue(error.getMessage().contains("was not ready within PT3S"), error.getMessage());
    assertTrue(error.getMessage().contains("second run"), error.getMessage());
    assertFalse(once.isAlive(), "a process that never became ready is killed");
  }

  @Test
  void startFailsWithTheLogWhenTheProcessExitsEarly() {
    ServerProcess failing =
        children.track(
            ServerProcess.command("failing", "/bin/sh", "-c", "echo cannot bind; exit 3")
                .workDir(children.workDir("failing"))
                .readiness(ReadinessProbe.tcpPort(FreePorts.allocate()), GENEROUS)
                .build());

    IllegalStateException error = assertThrows(IllegalStateException.class, failing::start);

    assertTrue(error.getMessage().contains("exited with code 3"), error.getMessage());
    assertTrue(error.getMessage().contains("cannot bind"), error.getMessage());
  }

  @Test
  void jvmChildHaltsWhenItsParentDies() throws IOException {
    ServerProcess parent = children.start(sleeper("parent", children.workDir("parent")));
    int port = FreePorts.allocate();
    ServerProcess orphan =
        children.start(
            ServerProcess.jvm("orphan", EchoServerMain.class.getName())
                .testClasspath()
                .args(Integer.toString(port))
                .parentPid(parent.pid())
                .workDir(children.workDir("orphan"))
                .readiness(ReadinessProbe.tcpPort(port), GENEROUS)
                .build());

    parent.kill();

    await().atMost(GENEROUS).until(() -> !orphan.isAlive());
    assertEquals(ParentWatchdog.ORPHAN_EXIT_STATUS, orphan.stop(GENEROUS));
    assertTrue(Files.readString(orphan.logFile()).contains("parent process " + parent.pid()));
  }

  @Test
  void binaryHaltsWhenItsParentDiesAndKeepsItsOwnPid() {
    ServerProcess parent = children.start(sleeper("parent", children.workDir("parent")));
    ServerProcess orphan =
        children.start(
            ServerProcess.command("orphan", "cat")
                .parentPid(parent.pid())
                .workDir(children.workDir("orphan"))
                .build());
    // The watchdog shell execs the binary, so the pid soon runs cat itself.
    await()
        .atMost(GENEROUS)
        .until(
            () ->
                ProcessHandle.of(orphan.pid())
                    .flatMap(handle -> handle.info().command())
                    .orElse("")
                    .endsWith("cat"));

    parent.kill();

    await().atMost(GENEROUS).until(() -> !orphan.isAlive());
  }

  @Test
  void killEndsTheProcessAndEverythingItStarted() {
    ServerProcess tree =
        children.start(
            ServerProcess.command("tree", "/bin/sh", "-c", "sleep 600 & echo started; wait")
                .workDir(children.workDir("tree"))
                .readiness(ReadinessProbe.logLine("started"), GENEROUS)
                .build());
    await().atMost(GENEROUS).until(() -> ProcessHandle.of(tree.pid()).get().children().count() > 0);
    ProcessHandle[] descendants =
        ProcessHandle.of(tree.pid()).get().descendants().toArray(ProcessHandle[]::new);

    tree.kill();

    for (ProcessHandle descendant : descendants) {
      assertFalse(
          LiveChildren.isRunning(descendant), "descendant " + descendant.pid() + " survived");
    }
  }

  private static ServerProcess echoServer(String name, int port, Path workDir) {
    return ServerProcess.jvm(name, EchoServerMain.class.getName())
        .testClasspath()
        .jvmArgs("-Xmx64m")
        .args(Integer.toString(port))
        .workDir(workDir)
        .readiness(ReadinessProbe.tcpPort(port), GENEROUS)
        .build();
  }

  private static ServerProcess sleeper(String name, Path workDir) {
    return ServerProcess.command(name, "sleep", "600").workDir(workDir).build();
  }

  private static String echo(int port, String text) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
