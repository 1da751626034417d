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
package dev.sluice.flume.amps.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.flume.Event;

/**
 * The event the source hands to Flume on a retry of a refused batch (the first attempt's event is
 * the {@link Delivery} itself): the message body as received and a header map that is never null.
 * The map is made on first use, so a flow that never looks at headers (a memory channel into a sink
 * that writes bodies) does not pay for one per event.
 */
final class AmpsEvent implements Event {
  private byte[] body;
  private Map<String, String> headers;

  AmpsEvent(byte[] body, Map<String, String> headers) {
    this.body = body;
    this.headers = headers.isEmpty() ? null : new HashMap<>(headers);
  }

  @Override
  public Map<String, String> getHeaders() {
    if (headers == null) {
      headers = new HashMap<>();
    }
    return headers;
  }

  @Override
  public void setHeaders(Map<String, String> headers) {
    this.headers = headers;
  }

  @Override
  public byte[] getBody() {
    return body;
  }

  @Override
  public void setBody(byte[] body) {
    this.body = body;
  }

  @Override
  public String toString() {
    return "[Event headers = " + getHeaders() + ", body.length = " + body.length + " ]";
  }
}
