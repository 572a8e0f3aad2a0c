package dev.kiln.cache;

import dev.kiln.event.EventSink;

/**
 * Where one build's layer-cache entries live and how they are used: what the per-stage {@link StageCache} needs
 * from the build-wide {@link BuildCache}, without knowing it.
 *
 * @param layers the entries (a registry repository or an OCI layout)
 * @param writer stores new entries in the background; null when nothing is written ({@code --no-push-cache})
 */
record CacheStore(LayerCache layers, CacheOptions options, EventSink events, CacheWriter writer) {}
