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

import dev.sluice.flume.common.log.CredentialRedactor;

/**
 * A batch could not be delivered to AMPS. Its message is already free of credentials and its cause,
 * when there is one, is a {@link CredentialRedactor#sanitize sanitized} copy of the client's
 * exception, so it can be logged and rethrown as it is.
 */
class AmpsDeliveryException extends Exception {
  private static final long serialVersionUID = 1L;

  AmpsDeliveryException(String message) {
    super(message);
  }

  AmpsDeliveryException(String message, Throwable safeCause) {
    super(message, safeCause);
  }
}
