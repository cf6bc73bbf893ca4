package aistudioproxy.api;

import aistudioproxy.chat.ChatRequest;

/**
 * What every rendering of one answer repeats: its id, when it was created, the model as the
 * client named it (answers report that, not the alias's target) and the request as it ran.
 */
public record AnswerContext(String id, long createdEpochSeconds, String clientModel, ChatRequest request) {}
