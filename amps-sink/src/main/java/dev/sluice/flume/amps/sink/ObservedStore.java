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
package dev.sluice.flume.amps.sink;

import com.crankuptheamps.client.Message;
import com.crankuptheamps.client.PublishStoreResizeHandler;
import com.crankuptheamps.client.Store;
import com.crankuptheamps.client.exception.DisconnectedException;
import com.crankuptheamps.client.exception.StoreException;
import com.crankuptheamps.client.exception.TimedOutException;

/**
 * The client's publish store (memory or file), unchanged, with one addition: it tells the sink when
 * AMPS's persisted acknowledgements let the client discard messages, so the sink can wait for its
 * batch on its own terms (interruptible, with its own deadline) instead of in {@code publishFlush},
 * which ignores interrupts.
 */
final class ObservedStore implements Store {
  /** Told after every discard, with the number of messages it removed. */
  interface DiscardListener {
    void discarded(long count);
  }

  private final Store delegate;
  private final DiscardListener listener;

  ObservedStore(Store delegate, DiscardListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  /** True once every message up to and including {@code sequence} has left the store. */
  boolean isDiscardedUpTo(long sequence) {
    long lowest = delegate.getLowestUnpersisted();
    return lowest == -1 || lowest > sequence;
  }

  @Override
  public void discardUpTo(long index) throws StoreException {
    long before = delegate.unpersistedCount();
    delegate.discardUpTo(index);
    long removed = before - delegate.unpersistedCount();
    listener.discarded(Math.max(0, removed));
  }

  @Override
  public void store(Message m) throws StoreException {
    delegate.store(m);
  }

  @Override
  public void replay(StoreReplayer replayer) throws StoreException, DisconnectedException {
    delegate.replay(replayer);
  }

  @Override
  public boolean replaySingle(StoreReplayer replayer, long index)
      throws StoreException, DisconnectedException {
    return delegate.replaySingle(replayer, index);
  }

  @Override
  public long unpersistedCount() {
    return delegate.unpersistedCount();
  }

  @Override
  public long getLowestUnpersisted() {
    return delegate.getLowestUnpersisted();
  }

  @Override
  public void flush() throws TimedOutException {
    delegate.flush();
  }

  @Override
  public void flush(long timeout) throws TimedOutException {
    delegate.flush(timeout);
  }

  @Override
  public void setResizeHandler(PublishStoreResizeHandler handler) {
    delegate.setResizeHandler(handler);
  }

  @Override
  public long getLastPersisted() throws StoreException {
    return delegate.getLastPersisted();
  }

  @Override
  public void setMessage(Message m) {
    delegate.setMessage(m);
  }

  @Override
  public boolean getErrorOnPublishGap() {
    return delegate.getErrorOnPublishGap();
  }

  @Override
  public void setErrorOnPublishGap(boolean errorOnGap) {
    delegate.setErrorOnPublishGap(errorOnGap);
  }

  @Override
  public void close() throws StoreException {
    try {
      delegate.close();
    } catch (StoreException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new StoreException("closing the publish store failed", e);
    }
  }
}
