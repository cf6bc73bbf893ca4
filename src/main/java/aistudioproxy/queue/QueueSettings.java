package aistudioproxy.queue;

import java.time.Duration;

/**
 * Queue limits. {@code abortGrace}: how long a cancelled job's runner gets to wind down before the
 * worker gives up on it and moves on (so a stuck tier can never hold the lock forever).
 */
public record QueueSettings(
        int maxQueued,
        Duration queueTimeout,
        Duration firstTokenTimeout,
        Duration totalTimeout,
        boolean smartDelay,
        Duration abortGrace) {}
