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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerProcessTest {
  private static final Path WORK = Paths.get("/tmp/never-created");

  @Test
  void runsAJvmMainThroughTheParentWatchdog() {
    List<String> command =
        ServerProcess.jvm("server", "com.example.Main")
            .classpath(Paths.get("/x/app.jar"))
            .jvmArgs("-Xmx64m")
            .systemProperty("k", "v")
            .args("--port", "1234")
            .parentPid(4242)
            .workDir(WORK)
            .build()
            .command();

    assertEquals(ChildCommand.javaExecutable().toString(), command.get(0));
    assertEquals(
        List.of(ServerProcess.EXIT_ON_OOM, "-Xmx64m", "-Dk=v", "-cp"), command.subList(1, 5));
    assertEquals(
        "/x/app.jar" + File.pathSeparator + ChildCommand.ownCodeLocation(), command.get(5));
    assertEquals(
        List.of(ParentWatchdog.class.getName(), "4242", "com.example.Main", "--port", "1234"),
        command.subList(6, command.size()));
  }

  @Test
  void aJvmThatNamesItsOwnOutOfMemoryActionKeepsIt() {
    List<String> command =
        ServerProcess.jvm("server", "com.example.Main")
            .jvmArgs("-XX:+HeapDumpOnOutOfMemoryError", "-Xmx64m")
            .workDir(WORK)
            .build()
            .command();

    assertEquals(List.of("-XX:+HeapDumpOnOutOfMemoryError", "-Xmx64m"), command.subList(1, 3));
    assertFalse(command.contains(ServerProcess.EXIT_ON_OOM), command.toString());
  }

  @Test
  void wrapsABinarySoThatItKeepsItsPidAndDiesWithTheParent() {
    List<String> command =
        ServerProcess.command("carbon", "/usr/bin/carbon-cache", "--nodaemon")
            .args("start")
            .parentPid(4242)
            .workDir(WORK)
            .build()
            .command();

    assertEquals(
        List.of(
            "/bin/sh",
            "-c",
            ChildCommand.BINARY_WATCHDOG_SCRIPT,
            "sluice-watchdog",
            "4242",
            "/usr/bin/carbon-cache",
            "--nodaemon",
            "start"),
        command);
    assertTrue(ChildCommand.BINARY_WATCHDOG_SCRIPT.endsWith("exec \"$@\""));
  }

  @Test
  void runsThePlainCommandWhenNotWatchingTheParent() {
    ServerProcess jvm = ServerProcess.jvm("s", "M").watchParent(false).workDir(WORK).build();
    ServerProcess binary =
        ServerProcess.command("b", "cat").watchParent(false).workDir(WORK).build();

    assertEquals(
        List.of(ChildCommand.javaExecutable().toString(), ServerProcess.EXIT_ON_OOM, "M"),
        jvm.command());
    assertEquals(List.of("cat"), binary.command());
  }

  @Test
  void logsToAFileNamedAfterTheProcessByDefault() {
    ServerProcess server = ServerProcess.command("kafka-1", "cat").workDir(WORK).build();

    assertEquals(WORK.resolve("kafka-1.log"), server.logFile());
    assertEquals(List.of(WORK.resolve("kafka-1.log")), server.logFiles());
    assertFalse(server.isAlive());
    assertThrows(IllegalStateException.class, server::pid);
  }

  @Test
  void checksEverySettingAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> ServerProcess.command("a b", "cat"));
    assertThrows(IllegalArgumentException.class, () -> ServerProcess.jvm("../x", "M"));
    ServerProcess.Builder binary = ServerProcess.command("b", "cat");
    assertThrows(IllegalStateException.class, () -> binary.classpath(Paths.get("x.jar")));
    assertThrows(IllegalStateException.class, () -> binary.jvmArgs("-Xmx1g"));
    assertThrows(IllegalStateException.class, binary::build);
    assertThrows(
        IllegalArgumentException.class,
        () -> binary.readiness(ReadinessProbe.started(), Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> ReadinessProbe.tcpPort(0));
  }
}
