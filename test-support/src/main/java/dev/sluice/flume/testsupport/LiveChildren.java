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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process started by test-support in this JVM, killed by a shutdown hook when the JVM
 * exits normally or on SIGTERM. {@link ParentWatchdog} covers the cases where no hook runs.
 */
final class LiveChildren {
  private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(LiveChildren::killAll, "sluice-test-support-child-reaper"));
  }

  private LiveChildren() {}

  // The removal cannot fail and nothing waits for it.
  @SuppressWarnings("FutureReturnValueIgnored")
  static void add(Process process) {
    ProcessHandle handle = process.toHandle();
    LIVE.add(handle);
    handle.onExit().thenRun(() -> LIVE.remove(handle));
  }

  /** Kills {@code process} and its descendants with SIGKILL (descendants first). */
  static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /**
   * Whether {@code process} still runs. Unlike {@link ProcessHandle#isAlive()}, a zombie (killed,
   * waiting for its new parent to reap it) does not count: it holds no resources but its pid.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat =
          new String(
              Files.readAllBytes(Paths.get("/proc", Long.toString(process.pid()), "stat")),
              StandardCharsets.UTF_8);
      int end = stat.lastIndexOf(')');
      return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
    } catch (IOException e) {
      return process.isAlive();
    }
  }

  private static void killAll() {
    for (ProcessHandle handle : LIVE) {
      killTree(handle);
    }
  }
}
