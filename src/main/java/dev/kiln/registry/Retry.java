package dev.kiln.registry;

import java.time.Duration;

/**
 * How hard kiln tries: retries after 429/5xx/I-O errors with exponential backoff (Retry-After honoured, up to
 * {@code maxDelay}), and timeouts for connecting and for a response's headers.
 *
 * @param pushRetries     Kaniko {@code --push-retry}: extra attempts for push requests and blob uploads
 * @param downloadRetries Kaniko {@code --image-download-retry}: extra attempts for pull requests
 * @param initialDelay    delay before the first retry; doubled for each further one
 * @param maxDelay        cap on any delay, including a registry's Retry-After
 * @param connectTimeout  TCP/TLS connect timeout
 * @param requestTimeout  time until a response's headers arrive (a stalled or dripping server fails the attempt)
 */
public record Retry(int pushRetries, int downloadRetries, Duration initialDelay, Duration maxDelay,
                    Duration connectTimeout, Duration requestTimeout) {
    public static final Retry DEFAULT = new Retry(2, 2, Duration.ofMillis(500), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofMinutes(5));

    public Retry {
        if (pushRetries < 0 || downloadRetries < 0) throw new IllegalArgumentException("retry counts must not be negative");
        if (initialDelay == null || initialDelay.isNegative()) throw new IllegalArgumentException("initialDelay must be >= 0");
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) throw new IllegalArgumentException("maxDelay must be >= initialDelay");
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) throw new IllegalArgumentException("connectTimeout must be > 0");
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("requestTimeout must be > 0");
    }

    /** Attempts in all (first try plus retries) for a purpose. */
    public int attempts(Purpose purpose) {
        return 1 + (purpose == Purpose.PUSH ? pushRetries : downloadRetries);
    }

    /**
     * The delay before retry number {@code retry} (1-based): {@code initialDelay * 2^(retry-1)}, or the
     * registry's Retry-After (seconds or HTTP date) when it gave one; never more than {@code maxDelay}.
     */
    public Duration delay(int retry, String retryAfter) {
        Duration d = RetryAfter.parse(retryAfter).orElseGet(
                () -> initialDelay.multipliedBy(1L << Math.min(20, Math.max(0, retry - 1))));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    public Retry withPushRetries(int n) { return new Retry(n, downloadRetries, initialDelay, maxDelay, connectTimeout, requestTimeout); }
    public Retry withDownloadRetries(int n) { return new Retry(pushRetries, n, initialDelay, maxDelay, connectTimeout, requestTimeout); }
    public Retry withDelays(Duration initial, Duration max) { return new Retry(pushRetries, downloadRetries, initial, max, connectTimeout, requestTimeout); }
    public Retry withTimeouts(Duration connect, Duration request) { return new Retry(pushRetries, downloadRetries, initialDelay, maxDelay, connect, request); }
}
