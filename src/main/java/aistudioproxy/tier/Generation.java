package aistudioproxy.tier;

import aistudioproxy.openai.ChatRequest;

/**
 * One request's trip through the tiers: what to generate and how to notice it must stop.
 * Created by the queue per job; read by tiers on the job's runner thread.
 */
public record Generation(String requestId, ChatRequest request, CancelSignal cancel) {}
