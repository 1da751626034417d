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
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a public static constant of Flume 1.11 itself, from the jars the test agents run (Flume's
 * lib, see {@link FlumeAgent}), so a docs test can hold a table of Flume's defaults (the Kafka
 * sink's {@code DEFAULT_TOPIC}, say) to Flume's code without putting Flume's components on the
 * module's test classpath.
 *
 * <pre>{@code
 * String topic = FlumeConstants.read("org.apache.flume.sink.kafka.KafkaSinkConstants",
 *     "DEFAULT_TOPIC");                                   // "default-flume-topic"
 * }</pre>
 */
public final class FlumeConstants {
  private static URLClassLoader loader;

  private FlumeConstants() {}

  /**
   * The value of {@code className.field} as text ({@code String.valueOf}).
   *
   * @throws IllegalArgumentException if Flume's lib has no such class or public static field
   */
  public static synchronized String read(String className, String field) {
    try {
      Class<?> c = Class.forName(className, false, loader());
      return String.valueOf(c.getField(field).get(null));
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(
          "Flume's lib has no public static " + className + "." + field, e);
    }
  }

  private static URLClassLoader loader() {
    if (loader == null) {
      List<Path> jars = FlumeClasspath.flumeLib();
      URL[] urls = new URL[jars.size()];
      for (int i = 0; i < urls.length; i++) {
        try {
          urls[i] = jars.get(i).toUri().toURL();
        } catch (MalformedURLException e) {
          throw new UncheckedIOException(new IOException("bad jar path " + jars.get(i), e));
        }
      }
      loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
    return loader;
  }
}
