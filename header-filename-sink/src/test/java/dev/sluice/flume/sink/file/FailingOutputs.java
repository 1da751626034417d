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
import java.nio.file.Path;

/**
 * Real files that fail on demand the way a full or broken disk does: creating a file fails, a write
 * stores only part of its bytes before failing (ENOSPC), or fsync fails.
 */
final class FailingOutputs implements OutputFiles {
  volatile boolean failCreate;
  volatile boolean failSync;

  /** Bytes the disk still takes; negative for unlimited. */
  volatile long spaceLeft = -1;

  @Override
  public Output createNew(Path path) throws IOException {
    if (failCreate) {
      throw new IOException("simulated: cannot create " + path);
    }
    Output real = OutputFiles.DISK.createNew(path);
    return new Output() {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        long left = spaceLeft;
        if (left >= 0 && len > left) {
          real.write(b, off, (int) left);
          spaceLeft = 0;
          throw new IOException("simulated: No space left on device");
        }
        real.write(b, off, len);
        if (left >= 0) {
          spaceLeft = left - len;
        }
      }

      @Override
      public void sync() throws IOException {
        if (failSync) {
          throw new IOException("simulated: fsync failed");
        }
        real.sync();
      }

      @Override
      public void close() throws IOException {
        real.close();
      }
    };
  }
}
