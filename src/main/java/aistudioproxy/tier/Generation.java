package aistudioproxy.tier;

import aistudioproxy.chat.ChatRequest;

/**
 * One request's trip through the tiers: what to generate, how to notice it must stop, the
 * page's run of its prompt (shared by the tiers, owned by the job), and the timeline its steps
 * are marked on. Created by the queue per job; read by tiers on the job's runner thread.
 */
public record Generation(String requestId, ChatRequest request, CancelSignal cancel, PromptRun run, Timeline timeline) {}
