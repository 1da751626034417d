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

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * Entry point of every child JVM that test-support starts: {@code ParentWatchdog <parentPid>
 * <mainClass> [args...]} watches the parent process (the test JVM) and halts this JVM as soon as
 * the parent is gone, then runs {@code mainClass.main(args)} in the same JVM.
 *
 * <p>This is the safety net for a test JVM that dies without running its shutdown hooks (SIGKILL, a
 * crash, a CI timeout): the child notices within a few seconds and does not linger. The JDK polls a
 * non-child process with growing intervals of at most 5 seconds and compares start times, so a
 * reused pid is not mistaken for the parent.
 */
public final class ParentWatchdog {
  /** Exit status of a child halted because its parent died. */
  static final int ORPHAN_EXIT_STATUS = 137;

  private ParentWatchdog() {}

  /**
   * Starts watching {@code args[0]} and runs the main class {@code args[1]} with the remaining
   * arguments.
   */
  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: ParentWatchdog <parentPid> <mainClass> [args...]");
      System.exit(2);
    }
    long parentPid = Long.parseLong(args[0]);
    watch(parentPid);
    Method main = mainMethod(args[1]);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  // halt() ends the JVM; nothing waits for the future.
  @SuppressWarnings("FutureReturnValueIgnored")
  private static void watch(long parentPid) {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      halt(parentPid);
    }
    parent.get().onExit().thenRun(() -> halt(parentPid));
  }

  private static void halt(long parentPid) {
    System.err.println(
        "ParentWatchdog: parent process " + parentPid + " is gone; halting this orphaned JVM");
    System.err.flush();
    Runtime.getRuntime().halt(ORPHAN_EXIT_STATUS);
  }

  private static Method mainMethod(String className) throws ReflectiveOperationException {
    Class<?> mainClass = Class.forName(className, false, ClassLoader.getSystemClassLoader());
    Method main = mainClass.getMethod("main", String[].class);
    if (!Modifier.isStatic(main.getModifiers())) {
      throw new NoSuchMethodException(className + ".main(String[]) is not static");
    }
    return main;
  }
}
