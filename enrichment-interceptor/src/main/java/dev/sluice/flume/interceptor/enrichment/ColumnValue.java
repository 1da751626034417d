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
package dev.sluice.flume.interceptor.enrichment;

import java.util.Objects;

/** One cell of a looked-up row: its column and its value, decoded as UTF-8. */
final class ColumnValue {
  private final String family;
  private final String qualifier;
  private final String value;

  ColumnValue(String family, String qualifier, String value) {
    this.family = Objects.requireNonNull(family, "family");
    this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
    this.value = Objects.requireNonNull(value, "value");
  }

  String family() {
    return family;
  }

  String qualifier() {
    return qualifier;
  }

  String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ColumnValue)) {
      return false;
    }
    ColumnValue c = (ColumnValue) o;
    return family.equals(c.family) && qualifier.equals(c.qualifier) && value.equals(c.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, qualifier, value);
  }

  @Override
  public String toString() {
    return family + ":" + qualifier + "=" + value;
  }
}
