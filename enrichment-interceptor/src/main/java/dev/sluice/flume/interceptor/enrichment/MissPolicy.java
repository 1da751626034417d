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

/**
 * What happens to events that cannot be enriched for reasons of their own: no such row, no row key,
 * a body the columns cannot be merged into ({@code missPolicy}). Retrying would not help them, so
 * there is no {@code hold}.
 */
enum MissPolicy {
  /** The events go on un-enriched, with the status header set. */
  PASS,
  /** The events are removed from the batch and counted. */
  DROP
}
