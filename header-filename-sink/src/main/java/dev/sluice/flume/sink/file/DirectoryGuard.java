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

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Finds, and creates when missing, the directory a relative path's file goes in, one segment at a
 * time, so that nothing is ever created or written outside the root: a segment that is a symbolic
 * link is followed only when its target is a directory inside the root.
 *
 * <p>{@link java.nio.file.Files#createDirectories} is not used because it follows links: with
 * {@code a -> /etc}, creating {@code a/x} would create {@code /etc/x}. The checks are made when a
 * file is opened; a link swapped in by someone with write access to the base directory afterwards
 * is not seen (such a user could write the files directly anyway).
 */
final class DirectoryGuard {
  private final boolean syncDirectories;

  /**
   * @param syncDirectories force each created directory's parent to disk, so a new directory
   *     survives a power loss (the {@code sync} option)
   */
  DirectoryGuard(boolean syncDirectories) {
    this.syncDirectories = syncDirectories;
  }

  /**
   * The directory for the file named by {@code relative} (a path that passed {@link PathResolver}),
   * created when missing.
   *
   * @param root the real path of the base directory
   */
  Path parentOf(Path root, String relative) throws IOException, RefusedPathException {
    int lastSlash = relative.lastIndexOf('/');
    if (lastSlash < 0) {
      return root;
    }
    Path dir = root;
    for (String segment : relative.substring(0, lastSlash).split("/")) {
      dir = step(root, dir, segment);
    }
    return dir;
  }

  private Path step(Path root, Path parent, String segment)
      throws IOException, RefusedPathException {
    Path p = parent.resolve(segment);
    BasicFileAttributes attrs = attributes(p);
    if (attrs == null) {
      try {
        Files.createDirectory(p);
        if (syncDirectories) {
          syncDirectory(parent);
        }
        return p;
      } catch (FileAlreadyExistsException raced) {
        attrs = attributes(p);
        if (attrs == null) {
          throw raced;
        }
      }
    }
    if (attrs.isDirectory()) {
      return p;
    }
    if (attrs.isSymbolicLink()) {
      Path real;
      try {
        real = p.toRealPath();
      } catch (NoSuchFileException dangling) {
        throw new RefusedPathException(
            RefusalReason.NOT_A_DIRECTORY, p + " is a symbolic link to nothing");
      }
      if (!real.startsWith(root)) {
        throw new RefusedPathException(
            RefusalReason.OUTSIDE_BASE_DIRECTORY,
            p + " is a symbolic link to " + real + ", outside " + root);
      }
      if (!Files.isDirectory(real)) {
        throw new RefusedPathException(
            RefusalReason.NOT_A_DIRECTORY, p + " is a symbolic link to a non-directory " + real);
      }
      return real;
    }
    throw new RefusedPathException(RefusalReason.NOT_A_DIRECTORY, p + " is not a directory");
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Forces a directory's entries to disk, so a file created or renamed in it survives a crash. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
