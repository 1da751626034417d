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

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The testkit as a child process ({@link AmpsTestServerMain} with {@code --control stdin}), for
 * tests that kill it as a crash would: {@link #kill()} is SIGKILL, so nothing of the server's
 * shutdown runs and only what reached the file system survives.
 */
final class TestkitProcess implements AutoCloseable {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S+)");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final PrintWriter control;
  private final Map<String, String> ready = new HashMap<>();

  private TestkitProcess(Path stderr, List<String> flags) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(AmpsTestServerMain.class.getName());
    cmd.add("--control");
    cmd.add("stdin");
    cmd.addAll(flags);
    process =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
            .start();
    control =
        new PrintWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
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
            },
            "testkit-process-stdout");
    pump.setDaemon(true);
    pump.start();
    String line = nextLine();
    if (!line.startsWith(AmpsTestServerMain.READY)) {
      close();
      throw new AssertionError("the testkit process did not get ready: " + line);
    }
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      ready.put(m.group(1), m.group(2));
    }
  }

  /** Starts the testkit with these flags (plus {@code --control stdin}), its stderr to a file. */
  static TestkitProcess start(Path stderr, String... flags) throws Exception {
    return new TestkitProcess(stderr, List.of(flags));
  }

  String uri() {
    return ready.get("uri");
  }

  /** Runs one control command and returns its reply line. */
  String control(String command) throws InterruptedException {
    control.println(command);
    return nextLine();
  }

  private String nextLine() throws InterruptedException {
    String l = lines.poll(30, TimeUnit.SECONDS);
    if (l == null) {
      throw new AssertionError("no line from the testkit process within 30 s");
    }
    return l;
  }

  /** SIGKILL, as a crash: no shutdown hook, no flush, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the testkit process survived SIGKILL for 30 s");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
