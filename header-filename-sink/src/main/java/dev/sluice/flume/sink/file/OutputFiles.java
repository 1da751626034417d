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

import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the files the sink writes. The one place that touches the disk for writing, kept behind
 * an interface so tests can make a write, a sync or a create fail the way a full or read-only disk
 * does.
 */
interface OutputFiles {
  /** An open file: written in order, forced to disk on request. */
  interface Output extends Closeable {
    void write(byte[] b, int off, int len) throws IOException;

    /** Forces what was written to the storage device (fsync). */
    void sync() throws IOException;
  }

  /**
   * Creates a new, empty file and opens it for writing.
   *
   * @throws java.nio.file.FileAlreadyExistsException when anything, a symbolic link included,
   *     exists at the path: the sink never writes into a file it did not create
   */
  Output createNew(Path path) throws IOException;

  /** Real files. */
  OutputFiles DISK =
      path -> {
        Files.createFile(path); // O_CREAT|O_EXCL: fails on any existing entry, links included
        FileOutputStream out;
        try {
          // A FileOutputStream, not a FileChannel: Flume interrupts the sink's thread to stop it,
          // and an interrupted FileChannel closes itself in the middle of a batch.
          out = new FileOutputStream(path.toFile(), true);
        } catch (IOException | RuntimeException e) {
          Files.deleteIfExists(path);
          throw e;
        }
        return new Output() {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void sync() throws IOException {
            out.getFD().sync();
          }

          @Override
          public void close() throws IOException {
            out.close();
          }
        };
      };
}
