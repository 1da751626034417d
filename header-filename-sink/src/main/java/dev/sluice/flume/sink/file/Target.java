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
package dev.sluice.flume.sink.file;

import java.nio.file.Path;

/** A file the sink writes: a root directory and a checked path relative to it. */
final class Target {
  private final Path root;
  private final String relative;
  private final int hash;

  Target(Path root, String relative) {
    this.root = root;
    this.relative = relative;
    this.hash = relative.hashCode() * 31 + root.hashCode();
  }

  Path root() {
    return root;
  }

  String relative() {
    return relative;
  }

  /** The requested file name: the last segment of the relative path. */
  String name() {
    return relative.substring(relative.lastIndexOf('/') + 1);
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Target)) {
      return false;
    }
    Target t = (Target) o;
    // A sink has one or two roots; comparing them as Paths compares every byte.
    return hash == t.hash && relative.equals(t.relative) && (root == t.root || root.equals(t.root));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return root.resolve(relative).toString();
  }
}
