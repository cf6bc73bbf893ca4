package aistudioproxy.http;

import aistudioproxy.page.PageStatus;
import aistudioproxy.queue.QueueSnapshot;
import aistudioproxy.tier.TierStatus;

import java.time.Duration;
import java.util.List;

/**
 * Everything the status views show, taken at one moment from the components that own it; rendered
 * by {@link StatusJson}. {@code simulator} and {@code authProfile} may be null (none).
 */
public record StatusReport(String version, Duration uptime, PageStatus page, List<TierStatus> tiers, QueueSnapshot queue,
                           String config, String simulator, boolean modelsFromPage, String authProfile) {
    public StatusReport {
        tiers = List.copyOf(tiers);
    }

    public boolean ready() {
        return page.ready();
    }
}
