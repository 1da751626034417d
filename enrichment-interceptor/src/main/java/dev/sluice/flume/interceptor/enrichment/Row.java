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

import java.util.Arrays;
import java.util.List;

/** The selected cells of one HBase row that exists, in the order the backend returned them. */
final class Row {
  private final ColumnValue[] cells;

  Row(List<ColumnValue> cells) {
    this.cells = cells.toArray(new ColumnValue[0]);
  }

  static Row of(ColumnValue... cells) {
    return new Row(Arrays.asList(cells));
  }

  List<ColumnValue> cells() {
    return Arrays.asList(cells);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row && Arrays.equals(cells, ((Row) o).cells);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cells);
  }

  @Override
  public String toString() {
    return Arrays.toString(cells);
  }
}
