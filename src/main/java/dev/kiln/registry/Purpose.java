package dev.kiln.registry;

/** Why kiln talks to a registry; pull-side and push-side TLS/HTTP options differ (as Kaniko's flags do). */
public enum Purpose { PULL, PUSH }
